// vanban::render — lays out one UTF-8 document written in the corpus
// conventions on A4 pages the way Nghị định 30/2020 places things, and draws
// it as a born-digital PDF (real text layer) or as a degraded 300 dpi scan.
//
// Corpus conventions understood (corpus/README.md):
//   - header components one per line, or two columns separated by a TAB
//     ("UBND TỈNH X\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
//   - a TAB-separated run of lines in the body is a table, first row the header;
//   - a line holding only '\f' is a page break;
//   - "Nơi nhận:" block and signer block at the end, possibly side by side (TAB).
//
// Layout builds a list of drawing operations per page once (in points); the
// same operations are drawn into a cairo PDF surface or a bitmap. Truth()
// gives the text on each page in the reading order vanban's OCR aims for:
// header left column, then right column; body; tables row by row; Nơi nhận,
// then signer.
//
// Ownership: a Layout owns its Pango objects (shared, reference counted).
// Thread-safety: a Layout may be drawn from one thread at a time.
#ifndef VANBAN_TOOLS_RENDER_RENDER_H_
#define VANBAN_TOOLS_RENDER_RENDER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

typedef struct Pix PIX;

namespace vanban::render {

struct Op {
  enum class Kind { kLine, kRule };
  Kind kind = Kind::kLine;
  std::shared_ptr<void> layout;  // PangoLayout*, for kLine
  int line = 0;                  // index of the layout line
  double x = 0, y = 0;           // kLine: left end of the baseline; kRule: start
  double x2 = 0, y2 = 0;         // kRule: end
  double width = 0.75;           // kRule: stroke width in points
  std::string text;              // kLine: the text drawn
};

struct RenderedPage {
  std::vector<Op> ops;
};

struct Layout {
  std::vector<RenderedPage> pages;
  double width_pt = 595.276, height_pt = 841.89;  // A4
  // Text per page in reading order, lines joined with '\n'; pages with '\f'.
  std::string Truth() const;
};

// Lays out a document. Fails only on invalid UTF-8.
Result<Layout> LayoutDocument(const std::string& text);

// Born-digital PDF with a real text layer.
Status WritePdf(const Layout& layout, const std::string& path);

struct ScanOptions {
  int dpi = 300;
  uint32_t seed = 1;
  bool degrade = true;                // false: a clean bitmap
  std::optional<double> skew_degrees; // default: drawn from the seed in ±1.5°
};

// Deleter for Leptonica images.
struct PixDeleter { void operator()(PIX* p) const; };
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

// One 8-bit grey image per page, degraded like a scan when options.degrade.
// The page's skew actually applied is written to *applied_skew when given.
std::vector<PixPtr> RenderScan(const Layout& layout, const ScanOptions& options,
                               std::vector<double>* applied_skew = nullptr);

// An image-only PDF (JPEG pages at dpi), a multi-page TIFF, PNG files
// DIR/page-001.png ...
Status WriteScanPdf(const std::vector<PixPtr>& pages, int dpi, const std::string& path);
Status WriteTiff(const std::vector<PixPtr>& pages, const std::string& path);
Status WritePngs(const std::vector<PixPtr>& pages, const std::string& dir);

}  // namespace vanban::render

#endif  // VANBAN_TOOLS_RENDER_RENDER_H_
