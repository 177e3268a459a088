// vanban text FILE [--json] [--jobs N]: what the pipeline reads from one file
// (text, text layer or OCR), page by page in reading order, tables as rows of
// cells. --json adds boxes and confidences down to the words.
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/common.h"
#include "core/document.h"
#include "pipeline/processor.h"

namespace vanban::cli {

namespace {

nlohmann::json BoxJson(const Box& b) { return nlohmann::json::array({b.x, b.y, b.w, b.h}); }

nlohmann::json LineJson(const Line& l) {
  nlohmann::json j = {{"text", l.text}};
  if (!l.original.empty()) j["original"] = l.original;
  if (!l.box.empty()) j["box"] = BoxJson(l.box);
  if (l.confidence >= 0) j["confidence"] = l.confidence;
  if (!l.words.empty()) {
    j["words"] = nlohmann::json::array();
    for (const Word& w : l.words) {
      nlohmann::json wj = {{"text", w.text}};
      if (!w.box.empty()) wj["box"] = BoxJson(w.box);
      if (w.confidence >= 0) wj["confidence"] = w.confidence;
      j["words"].push_back(std::move(wj));
    }
  }
  return j;
}

nlohmann::json PageJson(const Page& p) {
  nlohmann::json j = {{"page", p.number}, {"source", TextSourceName(p.source)}, {"failed", p.failed}};
  if (p.failed) j["error"] = p.error;
  if (p.source == TextSource::kOcr && !p.failed) {
    j["scan"] = {{"dpi", p.scan.dpi},
                 {"width_px", p.scan.width_px},
                 {"height_px", p.scan.height_px},
                 {"skew_degrees", p.scan.skew_degrees},
                 {"mean_confidence", p.scan.mean_confidence}};
  }
  j["blocks"] = nlohmann::json::array();
  for (const Block& b : p.blocks) {
    nlohmann::json bj;
    if (!b.box.empty()) bj["box"] = BoxJson(b.box);
    if (b.kind == Block::Kind::kParagraph) {
      bj["kind"] = "paragraph";
      bj["lines"] = nlohmann::json::array();
      for (const Line& l : b.lines) bj["lines"].push_back(LineJson(l));
    } else {
      bj["kind"] = "table";
      bj["rows"] = nlohmann::json::array();
      for (const auto& row : b.table.rows) {
        nlohmann::json rj = nlohmann::json::array();
        for (const Cell& c : row) {
          nlohmann::json cj = {{"row", c.row}, {"col", c.col}, {"text", c.Text()}};
          if (c.row_span != 1) cj["row_span"] = c.row_span;
          if (c.col_span != 1) cj["col_span"] = c.col_span;
          cj["lines"] = nlohmann::json::array();
          for (const Line& l : c.lines) cj["lines"].push_back(LineJson(l));
          rj.push_back(std::move(cj));
        }
        bj["rows"].push_back(std::move(rj));
      }
    }
    j["blocks"].push_back(std::move(bj));
  }
  return j;
}

void PrintPage(const Page& p) {
  std::cout << "── page " << p.number << " (" << TextSourceName(p.source);
  if (p.source == TextSource::kOcr && !p.failed) {
    char buf[96];
    std::snprintf(buf, sizeof buf, ", skew %.2f°, confidence %.0f", p.scan.skew_degrees, p.scan.mean_confidence);
    std::cout << buf;
  }
  std::cout << ") ──\n";
  if (p.failed) {
    std::cout << "[page not read: " << p.error << "]\n";
    return;
  }
  for (const Block& b : p.blocks) {
    if (b.kind == Block::Kind::kParagraph) {
      for (const Line& l : b.lines) std::cout << l.text << "\n";
    } else {
      for (const auto& row : b.table.rows) {
        std::cout << "|";
        for (const Cell& c : row) {
          std::string t = c.Text();
          for (char& ch : t) if (ch == '\n') ch = ' ';
          std::cout << " " << t << " |";
        }
        std::cout << "\n";
      }
    }
    std::cout << "\n";
  }
}

}  // namespace

int RunText(const std::vector<std::string>& argv) {
  Args args;
  Status parsed = args.Parse(argv, {"--json", "--jobs=", "--rules="});
  if (!parsed.ok()) return UsageError("text: " + parsed.message());
  if (args.positional().size() != 1) return UsageError("text: give one file");
  Result<int> jobs = args.GetInt("--jobs", 0);
  if (!jobs.ok()) return UsageError("text: " + jobs.status().message());
  const std::string& path = args.positional()[0];

  pipeline::ProcessorOptions options;
  options.rules_dir = args.Get("--rules");
  options.jobs = *jobs;
  Result<std::unique_ptr<pipeline::Processor>> processor = pipeline::Processor::Create(options);
  if (!processor.ok()) return Fail("rules: " + processor.status().message());
  Result<Document> doc = (*processor)->ReadPath(path);
  if (!doc.ok()) return Fail(path + ": " + doc.status().message());

  if (args.Has("--json")) {
    nlohmann::json j = {{"source_path", doc->source_path},
                        {"format", doc->format},
                        {"text_source", TextSourceName(doc->text_source())}};
    j["pages"] = nlohmann::json::array();
    for (const Page& p : doc->pages) j["pages"].push_back(PageJson(p));
    std::cout << j.dump(2) << "\n";
  } else {
    for (const Page& p : doc->pages) PrintPage(p);
  }
  return kExitOk;
}

}  // namespace vanban::cli
