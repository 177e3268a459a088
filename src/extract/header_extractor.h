// Finds the components of a document's header and signature block as laid out
// by Nghị định 30/2020/NĐ-CP: issuing body (and its parent), number and
// symbol, place and date, type and trích yếu (or V/v for a công văn), signer
// (authority, title, name), Kính gửi and Nơi nhận. Patterns come from
// rules/header.rules; types from rules/doc_types.tsv; normal case from
// rules/casing.tsv and rules/places.txt.
//
// Immutable after Load; Extract may be called from several threads at once.
#ifndef VANBAN_EXTRACT_HEADER_EXTRACTOR_H_
#define VANBAN_EXTRACT_HEADER_EXTRACTOR_H_

#include <memory>
#include <string>
#include <vector>

#include "core/records.h"
#include "core/status.h"
#include "extract/casing.h"
#include "extract/doc_types.h"
#include "extract/rule_pack.h"
#include "extract/text_lines.h"

namespace vanban::extract {

class HeaderExtractor {
 public:
  static Result<HeaderExtractor> Load(const std::string& rules_dir);

  // Fills out->header and out->recipients.
  void Extract(const std::vector<TextLine>& lines, Extraction* out) const;

  const DocTypes& doc_types() const { return types_; }
  const Casing& casing() const { return casing_; }

 private:
  HeaderExtractor(RulePack pack, DocTypes types, Casing casing)
      : pack_(std::move(pack)), types_(std::move(types)), casing_(std::move(casing)) {}
  bool Matches(const char* rule, std::string_view text, RuleMatch* m = nullptr) const;
  std::string IssuerFromBody(const std::vector<TextLine>& lines, size_t from, const Header& h) const;
  void ExtractSigner(const std::vector<TextLine>& lines, size_t begin, size_t end, Header* h) const;
  void ExtractRecipients(const std::vector<TextLine>& lines, size_t begin, size_t end,
                         std::vector<Recipient>* out) const;

  RulePack pack_;
  DocTypes types_;
  Casing casing_;
};

}  // namespace vanban::extract

#endif  // VANBAN_EXTRACT_HEADER_EXTRACTOR_H_
