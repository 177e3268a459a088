// Page cleaning before OCR (Leptonica). Internal to src/ocr.
//
// CleanPage takes a page image of any depth and returns the deskewed grey
// image and a binary image ready for Tesseract: background normalized,
// binarized against the local background (copes with an illumination
// gradient), solid black borders and isolated specks removed (a table or
// text cut by the page edge is kept). Pure function;
// thread-safe.
#ifndef VANBAN_OCR_CLEAN_H_
#define VANBAN_OCR_CLEAN_H_

#include "core/status.h"
#include "ocr/pix.h"

namespace vanban::ocr {

struct CleanPage {
  PixPtr gray;          // 8 bpp, deskewed
  PixPtr binary;        // 1 bpp, deskewed, cleaned (foreground = 1)
  float skew_degrees = 0;  // the angle the page was rotated by to straighten it
};

// InvalidArgument for images too small to hold text.
Result<CleanPage> Clean(PIX* page, int dpi);

}  // namespace vanban::ocr

#endif  // VANBAN_OCR_CLEAN_H_
