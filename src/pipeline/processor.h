// One document through the stages, without the database:
//
//   file ──► input ──► ocr ──► normalize ──► restore ──► extract
//
// A Processor owns what the stages load once (rule packs; the OCR engine and
// the language model when those stages are built in) and is shared by
// `ingest`, `text` and the tests. Read() and Extract() may be called from
// several threads at once.
#ifndef VANBAN_PIPELINE_PROCESSOR_H_
#define VANBAN_PIPELINE_PROCESSOR_H_

#include <memory>
#include <mutex>
#include <string>

#include "core/document.h"
#include "core/records.h"
#include "core/status.h"
#include "extract/extractor.h"
#include "pipeline/reader.h"
#include "restore/restorer.h"

namespace vanban::ocr { class Engine; }

namespace vanban::pipeline {

struct ProcessorOptions {
  std::string rules_dir;  // "" = extract::DefaultRulesDir()
  int jobs = 0;           // OCR workers; 0 = all cores
  ReadLimits limits;
  // Restoration of marks (restore stage): on unless turned off; lm_model ""
  // = restore::Restorer::Paths::Default(). Without a model file (a build
  // without tools/) the stage is skipped.
  bool restore = true;
  std::string lm_model;
};

class Processor {
 public:
  static Result<std::unique_ptr<Processor>> Create(const ProcessorOptions& options);
  ~Processor();
  Processor(const Processor&) = delete;
  Processor& operator=(const Processor&) = delete;

  // input + ocr + normalize + restore: the text the rules will read.
  // `bytes` are the file's contents (already read, to hash them once: pass
  // their `sha256` when it is known).
  Result<Document> Read(const std::string& path, const std::string& bytes, const std::string& sha256 = {}) const;
  // Reads the file itself.
  Result<Document> ReadPath(const std::string& path) const;

  // The extract stage. Fails when the document is not one vanban understands
  // (no Vietnamese text; no header, date, type or task).
  Result<Extraction> Extract(const Document& doc) const;

  const extract::Extractor& extractor() const { return *extractor_; }
  const ReadLimits& limits() const { return options_.limits; }
  // The restore stage, or nullptr when it is off or has no model.
  const restore::Restorer* restorer() const { return restorer_.get(); }

 private:
  explicit Processor(ProcessorOptions options);
  // Pages marked needs_ocr, and images: the ocr stage. Its engine (one
  // Tesseract per job) starts on the first scan and serves every thread; a
  // document's pages are spread over its workers, documents take turns.
  Status RecognizeScannedPages(Document* doc) const;

  ProcessorOptions options_;
  std::unique_ptr<extract::Extractor> extractor_;
  std::unique_ptr<restore::Restorer> restorer_;
  mutable std::once_flag ocr_once_;
  mutable std::unique_ptr<ocr::Engine> ocr_;
  mutable Status ocr_status_;
};

}  // namespace vanban::pipeline

#endif  // VANBAN_PIPELINE_PROCESSOR_H_
