#include "pipeline/processor.h"

#include <algorithm>
#include <filesystem>

#include "normalize/normalize.h"

#include "ocr/ocr.h"

namespace vanban::pipeline {

Result<std::unique_ptr<Processor>> Processor::Create(const ProcessorOptions& options) {
  std::unique_ptr<Processor> p(new Processor(options));
  std::string dir = options.rules_dir.empty() ? extract::DefaultRulesDir() : options.rules_dir;
  Result<std::unique_ptr<extract::Extractor>> ex = extract::Extractor::Load(dir);
  if (!ex.ok()) return ex.status();
  p->extractor_ = std::move(ex).value();
  if (options.restore) {
    restore::Restorer::Paths paths = restore::Restorer::Paths::Default();
    if (!options.lm_model.empty()) paths.model = options.lm_model;
    if (std::filesystem::exists(paths.model)) {
      auto r = restore::Restorer::Load(paths);
      if (!r.ok()) return r.status();
      p->restorer_ = std::move(r).value();
    }
  }
  return p;
}

Processor::Processor(ProcessorOptions options) : options_(std::move(options)) {}
Processor::~Processor() = default;

Status Processor::RecognizeScannedPages(Document* doc) const {
  bool any = std::any_of(doc->pages.begin(), doc->pages.end(), [](const Page& p) { return p.needs_ocr; });
  if (!any) return Status::Ok();
  std::call_once(ocr_once_, [this] {
    ocr::Options o;
    o.jobs = options_.jobs;
    Result<std::unique_ptr<ocr::Engine>> e = ocr::Engine::Create(o);
    if (e.ok()) ocr_ = std::move(e).value(); else ocr_status_ = e.status();
  });
  if (!ocr_) return ocr_status_;
  if (doc->format == "pdf") {
    std::vector<int> numbers;
    for (const Page& p : doc->pages)
      if (p.needs_ocr) numbers.push_back(p.number);
    Result<std::vector<Page>> read = ocr_->RecognizePdfPages(doc->source_path, numbers);
    if (!read.ok()) return read.status();
    for (Page& ocred : *read) {
      for (Page& p : doc->pages) {
        if (p.number != ocred.number) continue;
        double w = p.width_pt, h = p.height_pt;
        p = std::move(ocred);
        if (p.width_pt == 0) { p.width_pt = w; p.height_pt = h; }
        break;
      }
    }
  } else {  // png, jpeg, tiff: every page is a scan
    Result<std::vector<Page>> read = ocr_->RecognizeImageFile(doc->source_path);
    if (!read.ok()) return read.status();
    doc->pages = std::move(read).value();
  }
  if (std::all_of(doc->pages.begin(), doc->pages.end(), [](const Page& p) { return p.failed; })) {
    return doc->pages.empty() ? Corrupt("no page could be read")
                              : Status(StatusCode::kCorrupt, "OCR failed: " + doc->pages.front().error);
  }
  return Status::Ok();
}

Result<Document> Processor::Read(const std::string& path, const std::string& bytes,
                                 const std::string& sha256) const {
  Result<Document> doc = ReadDocument(path, bytes, options_.limits, sha256);
  if (!doc.ok()) return doc.status();
  VANBAN_RETURN_IF_ERROR(RecognizeScannedPages(&*doc));
  normalize::NormalizeDocument(&*doc);
  if (restorer_) restorer_->RestoreDocument(&*doc);
  return doc;
}

Result<Document> Processor::ReadPath(const std::string& path) const {
  Result<std::string> bytes = ReadFileBytes(path, options_.limits);
  if (!bytes.ok()) return bytes.status();
  return Read(path, *bytes);
}

Result<Extraction> Processor::Extract(const Document& doc) const {
  if (!LooksVietnamese(doc)) return Unsupported("no Vietnamese text found (another language, or no text)");
  Extraction ex = extractor_->Extract(doc);
  const Header& h = ex.header;
  if (h.symbol.empty() && h.issued_date.empty() && h.doc_type.empty() && ex.tasks.empty()) {
    return Unsupported("no administrative document found: no Số/ký hiệu, date, type or tasks");
  }
  return ex;
}

}  // namespace vanban::pipeline
