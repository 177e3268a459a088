#include "ocr/clean.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace vanban::ocr {

PixPtr ToGray(PIX* pix) {
  if (!pix) return nullptr;
  PixPtr base(pixRemoveColormap(pix, REMOVE_CMAP_BASED_ON_SRC));
  if (!base) return nullptr;
  int d = pixGetDepth(base.get());
  if (d == 32) return PixPtr(pixConvertRGBToLuminance(base.get()));
  if (d == 8) return PixPtr(pixCopy(nullptr, base.get()));
  if (d == 16) return PixPtr(pixConvert16To8(base.get(), L_MS_BYTE));
  return PixPtr(pixConvertTo8(base.get(), 0));
}

namespace {

// Binarizes a grey page against its local background: the background is
// estimated in tiles and normalized to white, then one Otsu threshold is
// taken on the normalized image.
PixPtr Binarize(PIX* gray) {
  l_int32 thresh = 0;
  PixPtr b(pixOtsuThreshOnBackgroundNorm(gray, nullptr, 10, 15, 100, 50, 255, 2, 2, 0.1f, &thresh));
  if (b) return b;
  // Tiny or flat images: a fixed threshold.
  return PixPtr(pixThresholdToBinary(gray, 128));
}

}  // namespace

Result<CleanPage> Clean(PIX* page, int dpi) {
  if (!page) return InvalidArgument("no image");
  int w = pixGetWidth(page), h = pixGetHeight(page);
  if (w < 32 || h < 32)
    return InvalidArgument("image too small to hold text (" + std::to_string(w) + "×" +
                           std::to_string(h) + " px)");
  if (dpi <= 0) dpi = 300;
  CleanPage out;
  PixPtr gray = ToGray(page);
  if (!gray) return Corrupt("cannot convert the page image to grey");

  // Skew, measured on a first binarization.
  PixPtr first = Binarize(gray.get());
  if (!first) return Internal("binarization failed");
  l_float32 angle = 0, conf = 0;
  if (pixFindSkewSweepAndSearch(first.get(), &angle, &conf, 4, 2, 7.0f, 1.0f, 0.01f) == 0) {
    if (conf >= 2.5f && std::fabs(angle) >= 0.05f) {
      PixPtr rotated(pixRotate(gray.get(), angle * static_cast<float>(M_PI / 180.0),
                               L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
      if (rotated) {
        gray = std::move(rotated);
        out.skew_degrees = angle;
        first = Binarize(gray.get());
        if (!first) return Internal("binarization failed");
      }
    }
  }
  // Black borders from the scanner lid or the page edge: solid dark
  // components touching the edge. Sparse ones (a table or text cut by the
  // edge) are put back.
  PixPtr noborder(pixRemoveBorderConnComps(first.get(), 8));
  if (noborder) {
    PixPtr border(pixXor(nullptr, first.get(), noborder.get()));
    PIXA* parts = nullptr;
    BoxaPtr boxes(pixConnComp(border.get(), &parts, 8));
    int n = boxes ? boxaGetCount(boxes.get()) : 0;
    for (int i = 0; i < n; ++i) {
      l_int32 bx, by, bw, bh, ink = 0;
      boxaGetBoxGeometry(boxes.get(), i, &bx, &by, &bw, &bh);
      PixPtr part(pixaGetPix(parts, i, L_CLONE));
      pixCountPixels(part.get(), &ink, nullptr);
      if (ink < 0.3 * static_cast<double>(bw) * bh)
        pixRasterop(noborder.get(), bx, by, bw, bh, PIX_SRC | PIX_DST, part.get(), 0, 0);
    }
    pixaDestroy(&parts);
  }
  PixPtr b = noborder ? std::move(noborder) : std::move(first);

  // Specks: tiny components anywhere, and small ones far from any text
  // (diacritics sit close to their letters and are kept).
  int tiny = std::max(2, dpi / 100), small = std::max(4, dpi / 30), reach = std::max(9, dpi / 8) | 1;
  PixPtr kept(pixSelectBySize(b.get(), tiny, tiny, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GT, nullptr));
  if (kept) b = std::move(kept);
  PixPtr smalls(pixSelectBySize(b.get(), small, small, 8, L_SELECT_IF_BOTH, L_SELECT_IF_LTE, nullptr));
  if (smalls) {
    PixPtr large(pixSubtract(nullptr, b.get(), smalls.get()));
    PixPtr near(pixDilateBrick(nullptr, large.get(), reach, reach));
    PixPtr isolated(pixSubtract(nullptr, smalls.get(), near.get()));
    pixSubtract(b.get(), b.get(), isolated.get());
  }
  pixSetResolution(b.get(), dpi, dpi);
  pixSetResolution(gray.get(), dpi, dpi);
  out.gray = std::move(gray);
  out.binary = std::move(b);
  return out;
}

}  // namespace vanban::ocr
