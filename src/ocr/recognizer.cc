#include "ocr/recognizer.h"

#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <string>

#include "core/utf8.h"
#include "ocr/clean.h"
#include "ocr/reading_order.h"
#include "ocr/table_grid.h"

namespace vanban::ocr {

namespace {

struct TextDeleter { void operator()(char* p) const { delete[] p; } };

// The words Tesseract found since the last Recognize, as blocks of lines.
std::vector<Block> Collect(tesseract::TessBaseAPI* api) {
  std::vector<Block> blocks;
  std::unique_ptr<tesseract::ResultIterator> it(api->GetIterator());
  if (!it) return blocks;
  std::vector<std::vector<std::vector<Word>>> raw;  // block → line → words
  it->Begin();
  do {
    if (it->Empty(tesseract::RIL_WORD)) continue;
    std::unique_ptr<char, TextDeleter> text(it->GetUTF8Text(tesseract::RIL_WORD));
    if (!text) continue;
    std::string t(utf8::Trim(text.get()));
    if (t.empty()) continue;
    if (raw.empty() || it->IsAtBeginningOf(tesseract::RIL_BLOCK)) raw.emplace_back();
    if (raw.back().empty() || it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) raw.back().emplace_back();
    Word w;
    w.text = std::move(t);
    int l = 0, tp = 0, r = 0, b = 0;
    it->BoundingBox(tesseract::RIL_WORD, &l, &tp, &r, &b);
    w.box = {l, tp, r - l, b - tp};
    w.confidence = it->Confidence(tesseract::RIL_WORD);
    raw.back().back().push_back(std::move(w));
  } while (it->Next(tesseract::RIL_WORD));
  for (auto& rb : raw) {
    Block block;
    for (auto& rl : rb) {
      if (rl.empty()) continue;
      Line line;
      double conf = 0;
      for (const Word& w : rl) {
        if (!line.text.empty()) line.text += ' ';
        line.text += w.text;
        line.box = Union(line.box, w.box);
        conf += w.confidence;
      }
      line.confidence = static_cast<float>(conf / static_cast<double>(rl.size()));
      line.words = std::move(rl);
      block.box = Union(block.box, line.box);
      block.lines.push_back(std::move(line));
    }
    if (!block.lines.empty()) blocks.push_back(std::move(block));
  }
  return blocks;
}

int MsLeft(Worker::Clock::time_point deadline) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Worker::Clock::now()).count();
  return static_cast<int>(std::clamp<long long>(ms, 1, 1LL << 30));
}

}  // namespace

Worker::Worker(const Options& options) : options_(options), api_(new tesseract::TessBaseAPI) {}
Worker::~Worker() {
  if (api_) api_->End();
}

Result<std::unique_ptr<Worker>> Worker::Create(const Options& options) {
  std::unique_ptr<Worker> w(new Worker(options));
  const char* datapath = options.tessdata.empty() ? nullptr : options.tessdata.c_str();
  // Quiet: Tesseract's diagnostics would go to stderr.
  std::vector<std::string> names = {"debug_file"}, values = {"/dev/null"};
  if (w->api_->Init(datapath, options.lang.c_str(), tesseract::OEM_LSTM_ONLY, nullptr, 0, &names,
                    &values, false) != 0) {
    return NotFound("cannot load Tesseract language data '" + options.lang + "'" +
                    (options.tessdata.empty() ? std::string() : " from " + options.tessdata));
  }
  // Text on these pages is never white on black: skip the inverted-line check.
  w->api_->SetVariable("tessedit_do_invert", "0");
  return w;
}

Page Worker::Recognize(PIX* image, int dpi, int number, Clock::time_point deadline) {
  Page page;
  page.number = number;
  page.source = TextSource::kOcr;
  page.scan.dpi = dpi;
  if (image) {
    page.scan.width_px = pixGetWidth(image);
    page.scan.height_px = pixGetHeight(image);
  }
  auto fail = [&](const std::string& why) {
    page.failed = true;
    page.error = why;
    page.blocks.clear();
    return page;
  };
  Result<CleanPage> cleaned = Clean(image, dpi);
  if (!cleaned.ok()) return fail(cleaned.status().ToString());
  CleanPage& clean = *cleaned;
  page.scan.skew_degrees = clean.skew_degrees;

  double conf_sum = 0;
  long conf_n = 0;
  auto count = [&](const std::vector<Block>& blocks) {
    for (const Block& b : blocks)
      for (const Line& l : b.lines)
        for (const Word& w : l.words) { conf_sum += w.confidence; ++conf_n; }
  };
  auto timed_out = [&]() {
    return fail("timeout: page " + std::to_string(number) + " took longer than " +
                std::to_string(static_cast<int>(options_.page_timeout_s)) + " s");
  };

  std::vector<Block> blocks;
  // Tesseract reads the cleaned binary page. (Tried: the grey page masked
  // to the neighbourhood of the binary's ink — same CER on the benchmark
  // scans, 5–10% slower.)
  PixPtr text_image(pixCopy(nullptr, clean.binary.get()));
  if (options_.find_tables) {
    Grids grids = FindGrids(clean.binary.get(), dpi);
    if (!grids.grids.empty()) {
      api_->SetImage(grids.without_rules.get());
      api_->SetSourceResolution(dpi);
      api_->SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
      const int min_ink = std::max(8, dpi / 10);
      for (const Grid& g : grids.grids) {
        Block block;
        block.kind = Block::Kind::kTable;
        block.box = g.box;
        block.table.box = g.box;
        block.table.rows.resize(static_cast<size_t>(g.rows()));
        for (const GridCell& gc : g.cells) {
          Cell cell;
          cell.row = gc.row; cell.col = gc.col;
          cell.row_span = gc.row_span; cell.col_span = gc.col_span;
          if (gc.box.w > 4 && gc.box.h > 4) {
            BoxPtr box(boxCreate(gc.box.x, gc.box.y, gc.box.w, gc.box.h));
            l_int32 ink = 0;
            pixCountPixelsInRect(grids.without_rules.get(), box.get(), &ink, nullptr);
            if (ink >= min_ink) {
              api_->SetRectangle(gc.box.x, gc.box.y, gc.box.w, gc.box.h);
              // A cell no taller than two text lines is usually one line:
              // Tesseract reads short codes and numbers better as a line.
              api_->SetPageSegMode(gc.box.h <= dpi * 2 / 5 ? tesseract::PSM_SINGLE_LINE
                                                           : tesseract::PSM_SINGLE_BLOCK);
              tesseract::ETEXT_DESC monitor;
              monitor.set_deadline_msecs(MsLeft(deadline));
              if (api_->Recognize(&monitor) != 0 && monitor.deadline_exceeded()) return timed_out();
              for (Block& b : Collect(api_.get()))
                for (Line& l : b.lines) cell.lines.push_back(std::move(l));
            }
          }
          block.table.rows[static_cast<size_t>(gc.row)].push_back(std::move(cell));
        }
        for (const auto& row : block.table.rows)
          for (const Cell& c : row)
            for (const Line& l : c.lines)
              for (const Word& w : l.words) { conf_sum += w.confidence; ++conf_n; }
        blocks.push_back(std::move(block));
        // The text outside the grid is read from a page with the grid blanked.
        BoxPtr clear(boxCreate(g.box.x - 2, g.box.y - 2, g.box.w + 4, g.box.h + 4));
        pixClearInRect(text_image.get(), clear.get());
      }
    }
  }

  api_->SetImage(text_image.get());
  api_->SetSourceResolution(dpi);
  api_->SetPageSegMode(tesseract::PSM_AUTO);
  tesseract::ETEXT_DESC monitor;
  monitor.set_deadline_msecs(MsLeft(deadline));
  if (api_->Recognize(&monitor) != 0) {
    if (monitor.deadline_exceeded()) return timed_out();
    return fail("internal: Tesseract could not read page " + std::to_string(number));
  }
  std::vector<Block> text = Collect(api_.get());
  count(text);
  text = GroupLines(std::move(text));
  for (Block& b : text) blocks.push_back(std::move(b));
  page.blocks = OrderBlocks(std::move(blocks));
  page.scan.mean_confidence = conf_n ? static_cast<float>(conf_sum / static_cast<double>(conf_n)) : -1;
  api_->Clear();
  return page;
}

}  // namespace vanban::ocr
