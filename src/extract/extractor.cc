#include "extract/extractor.h"

#include "extract/text_lines.h"

namespace vanban::extract {

Result<std::unique_ptr<Extractor>> Extractor::Load(const std::string& rules_dir) {
  Result<HeaderExtractor> header = HeaderExtractor::Load(rules_dir);
  if (!header.ok()) return header.status();
  std::unique_ptr<Extractor> ex(new Extractor(std::move(header).value()));
  Result<CitationExtractor> citations = CitationExtractor::Load(rules_dir, &ex->header_.doc_types());
  if (!citations.ok()) return citations.status();
  ex->citations_ = std::make_unique<CitationExtractor>(std::move(citations).value());
  Result<TaskExtractor> tasks = TaskExtractor::Load(rules_dir);
  if (!tasks.ok()) return tasks.status();
  ex->tasks_ = std::make_unique<TaskExtractor>(std::move(tasks).value());
  Result<IndicatorExtractor> indicators = IndicatorExtractor::Load(rules_dir);
  if (!indicators.ok()) return indicators.status();
  ex->indicators_ = std::make_unique<IndicatorExtractor>(std::move(indicators).value());
  return ex;
}

Extraction Extractor::Extract(const Document& doc) const {
  Extraction out;
  std::vector<TextLine> lines = FlattenLines(doc);
  header_.Extract(lines, &out);
  out.citations = citations_->Extract(lines, out.header);
  tasks_->Extract(doc, &out);
  indicators_->Extract(doc, &out);
  return out;
}

}  // namespace vanban::extract
