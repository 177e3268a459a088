// The extract stage: every rule pack applied to one document.
//
//   auto ex = Extractor::Load(DefaultRulesDir());   // once; reads rules/
//   Extraction e = (*ex)->Extract(doc);              // per document
//
// Load fails with a Status naming the file, line and RE2's message when a
// rule is broken. A loaded Extractor is immutable: Extract may run on several
// threads at once.
#ifndef VANBAN_EXTRACT_EXTRACTOR_H_
#define VANBAN_EXTRACT_EXTRACTOR_H_

#include <memory>
#include <string>

#include "core/document.h"
#include "core/records.h"
#include "core/status.h"
#include "extract/citation_extractor.h"
#include "extract/header_extractor.h"
#include "extract/indicator_extractor.h"
#include "extract/task_extractor.h"

namespace vanban::extract {

class Extractor {
 public:
  static Result<std::unique_ptr<Extractor>> Load(const std::string& rules_dir);
  Extraction Extract(const Document& doc) const;

  const HeaderExtractor& header() const { return header_; }

 private:
  Extractor(HeaderExtractor header) : header_(std::move(header)) {}
  HeaderExtractor header_;
  std::unique_ptr<CitationExtractor> citations_;
  std::unique_ptr<TaskExtractor> tasks_;
  std::unique_ptr<IndicatorExtractor> indicators_;
};

}  // namespace vanban::extract

#endif  // VANBAN_EXTRACT_EXTRACTOR_H_
