// vanban::ocr — reads scanned pages: PDF pages without a text layer, and
// PNG / JPEG / TIFF images.
//
//   auto engine = ocr::Engine::Create(ocr::Options{});
//   if (!engine.ok()) return engine.status();
//   Result<std::vector<Page>> pages = (*engine)->RecognizePdfPages(path, {1, 3});
//
// For each page: Poppler renders it at Options::dpi (PDF); Leptonica cleans it
// (grey, deskew, background normalization, binarization that copes with
// uneven light, border and speckle removal) and finds ruled table grids;
// Tesseract (Options::lang, LSTM) reads the text outside the grids with its
// own layout analysis and each table cell on its own. What comes back:
//   - Page::source = kOcr, Page::scan (dpi, pixel size, deskew angle, mean
//     word confidence);
//   - paragraph Blocks in reading order: top to bottom, and where blocks sit
//     side by side (the two-column header, Nơi nhận beside the signer) the
//     left column before the right one, never interleaved line by line;
//   - table Blocks (Block::Kind::kTable) with rows of cells and their spans;
//   - Words with pixel boxes (at the page image's resolution, after deskew)
//     and Tesseract's confidence (0..100).
// A page that cannot be read (too large, too small, timed out, unreadable)
// comes back with failed = true and error set; the others are still read.
//
// Ownership and threads: an Engine owns one tesseract::TessBaseAPI per worker
// (Options::jobs), created once in Create() and reused; the pages of one call
// are spread over the workers. Calls on one Engine are serialized (a mutex):
// use one Engine per process, or one per thread for independent work.
#ifndef VANBAN_OCR_OCR_H_
#define VANBAN_OCR_OCR_H_

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/status.h"

namespace vanban::ocr {

struct Options {
  int jobs = 0;                 // worker threads; 0 = the number of cores
  int dpi = 300;                // PDF rendering resolution
  double page_timeout_s = 120;  // per page; the page fails with a timeout error
  std::string lang = "vie";     // Tesseract language(s), e.g. "vie+eng"
  std::string tessdata;         // folder of *.traineddata; "" = Tesseract's default
  // Images larger than this are refused (ResourceLimit) before decoding; a
  // PDF page that would be larger at dpi is rendered at a lower resolution.
  long long max_pixels = 120'000'000;
  bool find_tables = true;      // read ruled tables cell by cell
};

class Worker;

class Engine {
 public:
  // Starts the workers. NotFound when the language data cannot be loaded.
  static Result<std::unique_ptr<Engine>> Create(const Options& options);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // OCRs the given 1-based pages of a PDF, rendered with poppler-cpp at dpi.
  // Pages come back in the order asked. Errors: NotFound / Corrupt /
  // Encrypted for the file as a whole, InvalidArgument for a page number out
  // of range; a page that fails or times out is returned with failed = true.
  Result<std::vector<Page>> RecognizePdfPages(const std::string& path, const std::vector<int>& pages);

  // PNG, JPEG or TIFF (a multi-page TIFF gives one Page each). Errors:
  // NotFound, Unsupported (not an image Leptonica reads), Corrupt,
  // ResourceLimit (more than max_pixels).
  Result<std::vector<Page>> RecognizeImageFile(const std::string& path);

  int jobs() const { return static_cast<int>(workers_.size()); }
  const Options& options() const { return options_; }

 private:
  explicit Engine(const Options& options);
  Options options_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::mutex mu_;
};

}  // namespace vanban::ocr

#endif  // VANBAN_OCR_OCR_H_
