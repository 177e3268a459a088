// One OCR worker: a tesseract::TessBaseAPI created once and reused for many
// pages. Internal to src/ocr. Not thread-safe: one thread uses a Worker at a
// time (the Engine gives each worker thread its own).
#ifndef VANBAN_OCR_RECOGNIZER_H_
#define VANBAN_OCR_RECOGNIZER_H_

#include <chrono>
#include <memory>

#include "core/document.h"
#include "core/status.h"
#include "ocr/ocr.h"
#include "ocr/pix.h"

namespace tesseract { class TessBaseAPI; }

namespace vanban::ocr {

class Worker {
 public:
  using Clock = std::chrono::steady_clock;
  // NotFound when the language data cannot be loaded.
  static Result<std::unique_ptr<Worker>> Create(const Options& options);
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // Reads one page image (any depth) scanned at dpi. Never throws; a page
  // that cannot be read comes back with failed = true.
  Page Recognize(PIX* image, int dpi, int number, Clock::time_point deadline);

 private:
  explicit Worker(const Options& options);
  Options options_;
  std::unique_ptr<tesseract::TessBaseAPI> api_;
};

}  // namespace vanban::ocr

#endif  // VANBAN_OCR_RECOGNIZER_H_
