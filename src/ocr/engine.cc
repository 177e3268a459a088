#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <thread>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "ocr/ocr.h"
#include "ocr/pix.h"
#include "ocr/recognizer.h"

namespace vanban::ocr {

namespace {

void QuietPoppler(const std::string&, void*) {}

// Leptonica prints its errors on stderr; vanban reports them as Status.
struct QuietLeptonica {
  QuietLeptonica() { setMsgSeverity(L_SEVERITY_NONE); }
};

// Tesseract's LSTM opens OpenMP parallel regions of 4 threads. With a
// worker per core that only oversubscribes the cores (3–4× slower here), the
// reason the tesseract docs and OCRmyPDF set OMP_THREAD_LIMIT=1. The same
// effect without an environment variable: max-active-levels 0 on each worker
// thread makes every parallel region run on that thread alone.
void OneOpenMpThread() {
#ifdef _OPENMP
  omp_set_max_active_levels(0);
#endif
}

// Runs fn(worker, index) for index in [0, n) on min(workers, n) threads of
// our own (the caller's thread keeps its OpenMP settings).
void RunParallel(const std::vector<std::unique_ptr<Worker>>& workers, size_t n,
                 const std::function<void(Worker&, size_t)>& fn) {
  std::atomic<size_t> next{0};
  auto loop = [&](Worker& w) {
    OneOpenMpThread();
    for (size_t i = next++; i < n; i = next++) fn(w, i);
  };
  size_t threads = std::min(workers.size(), n);
  std::vector<std::thread> pool;
  for (size_t t = 0; t < threads; ++t) pool.emplace_back(loop, std::ref(*workers[t]));
  for (std::thread& th : pool) th.join();
}

// poppler-cpp image (mono, gray8, rgb24, bgr24, argb32) to an 8-bit grey Pix.
PixPtr ToPix(const poppler::image& img, int dpi) {
  int w = img.width(), h = img.height();
  if (w <= 0 || h <= 0) return nullptr;
  PixPtr pix(pixCreate(w, h, 8));
  if (!pix) return nullptr;
  pixSetResolution(pix.get(), dpi, dpi);
  l_uint32* data = pixGetData(pix.get());
  int wpl = pixGetWpl(pix.get());
  const unsigned char* src = reinterpret_cast<const unsigned char*>(img.const_data());
  int stride = img.bytes_per_row();
  for (int y = 0; y < h; ++y) {
    const unsigned char* row = src + static_cast<long>(y) * stride;
    l_uint32* line = data + static_cast<long>(y) * wpl;
    for (int x = 0; x < w; ++x) {
      int v = 255;
      switch (img.format()) {
        case poppler::image::format_mono: v = (row[x >> 3] >> (7 - (x & 7))) & 1 ? 255 : 0; break;
        case poppler::image::format_gray8: v = row[x]; break;
        case poppler::image::format_rgb24: v = (row[3 * x] * 299 + row[3 * x + 1] * 587 + row[3 * x + 2] * 114) / 1000; break;
        case poppler::image::format_bgr24: v = (row[3 * x + 2] * 299 + row[3 * x + 1] * 587 + row[3 * x] * 114) / 1000; break;
        case poppler::image::format_argb32: {
          const unsigned char* p = row + 4 * x;  // B G R A in memory
          v = (p[2] * 299 + p[1] * 587 + p[0] * 114) / 1000;
          break;
        }
        default: break;
      }
      SET_DATA_BYTE(line, x, v);
    }
  }
  return pix;
}

}  // namespace

Engine::Engine(const Options& options) : options_(options) {}
Engine::~Engine() = default;

Result<std::unique_ptr<Engine>> Engine::Create(const Options& options) {
  static QuietLeptonica quiet;
  (void)quiet;
  if (options.dpi < 50 || options.dpi > 1200) return InvalidArgument("ocr dpi must be within 50..1200");
  std::unique_ptr<Engine> e(new Engine(options));
  int jobs = options.jobs > 0 ? options.jobs : static_cast<int>(std::thread::hardware_concurrency());
  jobs = std::clamp(jobs, 1, 64);
  for (int i = 0; i < jobs; ++i) {
    Result<std::unique_ptr<Worker>> w = Worker::Create(options);
    if (!w.ok()) return w.status();
    e->workers_.push_back(std::move(w).value());
  }
  return e;
}

Result<std::vector<Page>> Engine::RecognizePdfPages(const std::string& path, const std::vector<int>& numbers) {
  std::lock_guard<std::mutex> lock(mu_);
  poppler::set_debug_error_function(QuietPoppler, nullptr);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return NotFound("no such file: " + path);
  std::unique_ptr<poppler::document> probe(poppler::document::load_from_file(path));
  if (!probe) return Corrupt("cannot open PDF " + path);
  if (probe->is_locked()) return Encrypted("PDF is password-protected: " + path);
  int count = probe->pages();
  for (int n : numbers)
    if (n < 1 || n > count)
      return InvalidArgument("page " + std::to_string(n) + " is out of range (1.." + std::to_string(count) + ")");
  probe.reset();

  std::vector<Page> out(numbers.size());
  const auto timeout = std::chrono::milliseconds(static_cast<long long>(options_.page_timeout_s * 1000));
  // Each worker thread opens its own document: poppler documents are not
  // shared between threads.
  std::vector<std::unique_ptr<poppler::document>> docs(workers_.size());
  std::mutex docs_mu;
  RunParallel(workers_, numbers.size(), [&](Worker& w, size_t i) {
    size_t slot = 0;
    {
      std::lock_guard<std::mutex> l(docs_mu);
      for (; slot < workers_.size() && workers_[slot].get() != &w; ++slot) {}
      if (!docs[slot]) docs[slot].reset(poppler::document::load_from_file(path));
    }
    Page& page = out[i];
    page.number = numbers[i];
    page.source = TextSource::kOcr;
    poppler::document* doc = docs[slot].get();
    std::unique_ptr<poppler::page> pg(doc ? doc->create_page(numbers[i] - 1) : nullptr);
    if (!pg) {
      page.failed = true;
      page.error = "corrupt: cannot open page " + std::to_string(numbers[i]);
      return;
    }
    poppler::rectf rect = pg->page_rect();
    double wpt = rect.width(), hpt = rect.height();
    int dpi = options_.dpi;
    double px = wpt * dpi / 72.0 * hpt * dpi / 72.0;
    if (px > static_cast<double>(options_.max_pixels))
      dpi = static_cast<int>(dpi * std::sqrt(static_cast<double>(options_.max_pixels) / px));
    poppler::page_renderer renderer;
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    renderer.set_image_format(poppler::image::format_gray8);
    poppler::image img = renderer.render_page(pg.get(), dpi, dpi);
    PixPtr pix = img.is_valid() ? ToPix(img, dpi) : nullptr;
    if (!pix) {
      page.failed = true;
      page.error = "corrupt: cannot render page " + std::to_string(numbers[i]);
      return;
    }
    page = w.Recognize(pix.get(), dpi, numbers[i], Worker::Clock::now() + timeout);
    page.width_pt = wpt;
    page.height_pt = hpt;
  });
  return out;
}

Result<std::vector<Page>> Engine::RecognizeImageFile(const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return NotFound("no such file: " + path);
  l_int32 format = IFF_UNKNOWN;
  if (findFileFormat(path.c_str(), &format) != 0 || format == IFF_UNKNOWN)
    return Unsupported("not an image vanban reads: " + path);
  l_int32 w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
  if (pixReadHeader(path.c_str(), &format, &w, &h, &bps, &spp, &cmap) != 0 || w <= 0 || h <= 0)
    return Corrupt("cannot read the image header of " + path);
  if (static_cast<long long>(w) * h > options_.max_pixels)
    return ResourceLimit("image of " + std::to_string(w) + "×" + std::to_string(h) +
                         " px is larger than the limit of " + std::to_string(options_.max_pixels) + " px");
  bool tiff = format == IFF_TIFF || format == IFF_TIFF_PACKBITS || format == IFF_TIFF_RLE ||
              format == IFF_TIFF_G3 || format == IFF_TIFF_G4 || format == IFF_TIFF_LZW ||
              format == IFF_TIFF_ZIP || format == IFF_TIFF_JPEG;
  int n = 1;
  if (tiff) {
    FILE* fp = fopenReadStream(path.c_str());
    if (!fp) return IoError("cannot open " + path);
    l_int32 count = 0;
    l_ok bad = tiffGetCount(fp, &count);
    fclose(fp);
    if (bad || count < 1) return Corrupt("cannot count the pages of TIFF " + path);
    if (count > 5000) return ResourceLimit("TIFF with " + std::to_string(count) + " pages");
    n = count;
  }
  std::vector<Page> out(static_cast<size_t>(n));
  const auto timeout = std::chrono::milliseconds(static_cast<long long>(options_.page_timeout_s * 1000));
  RunParallel(workers_, out.size(), [&](Worker& wk, size_t i) {
    Page& page = out[i];
    page.number = static_cast<int>(i) + 1;
    page.source = TextSource::kOcr;
    PixPtr pix(tiff ? pixReadTiff(path.c_str(), static_cast<l_int32>(i)) : pixRead(path.c_str()));
    if (!pix) {
      page.failed = true;
      page.error = "corrupt: cannot decode page " + std::to_string(i + 1) + " of " + path;
      return;
    }
    long long px = static_cast<long long>(pixGetWidth(pix.get())) * pixGetHeight(pix.get());
    if (px > options_.max_pixels) {
      page.failed = true;
      page.error = "resource-limit: page " + std::to_string(i + 1) + " is larger than the pixel limit";
      return;
    }
    l_int32 xres = 0, yres = 0;
    pixGetResolution(pix.get(), &xres, &yres);
    int dpi = xres >= 70 && xres <= 1200 ? xres : options_.dpi;
    page = wk.Recognize(pix.get(), dpi, static_cast<int>(i) + 1, Worker::Clock::now() + timeout);
  });
  if (n == 1 && out[0].failed && out[0].error.rfind("corrupt:", 0) == 0)
    return Corrupt(out[0].error);
  return out;
}

}  // namespace vanban::ocr
