// Ownership of Leptonica objects: unique_ptr with deleters, and the pixel
// conversions the ocr stage needs. Internal to src/ocr.
#ifndef VANBAN_OCR_PIX_H_
#define VANBAN_OCR_PIX_H_

#include <leptonica/allheaders.h>

#include <memory>

namespace vanban::ocr {

struct PixDeleter { void operator()(PIX* p) const { pixDestroy(&p); } };
struct BoxDeleter { void operator()(BOX* b) const { boxDestroy(&b); } };
struct BoxaDeleter { void operator()(BOXA* b) const { boxaDestroy(&b); } };
using PixPtr = std::unique_ptr<PIX, PixDeleter>;
using BoxPtr = std::unique_ptr<BOX, BoxDeleter>;
using BoxaPtr = std::unique_ptr<BOXA, BoxaDeleter>;

// Any depth (colormapped or not) to 8-bit grey; nullptr on failure.
PixPtr ToGray(PIX* pix);

}  // namespace vanban::ocr

#endif  // VANBAN_OCR_PIX_H_
