// Reading order of the blocks on an OCR'd page. Internal to src/ocr, pure
// functions on the document model (no Tesseract), so tests can drive them.
//
// GroupLines: Tesseract's blocks are not trusted for order: on a page with a
// two-column header or Nơi nhận beside the signer it may put lines of both
// columns in one block. All lines are taken out of their blocks; a line
// whose words leave a gap wider than twice the median word height ("UBND TỈNH X
// <gap> CỘNG HÒA XÃ HỘI ...") is cut in two; lines made only of punctuation
// with low confidence (specks) are dropped; then lines are regrouped into
// blocks top to bottom: a line joins the block whose last line is just above
// it and overlaps it horizontally, unless the line is much wider than the
// block (the body under a header column). Table blocks pass through.
//
// OrderBlocks: blocks are grouped into bands of blocks that overlap
// vertically; within a band, blocks that overlap horizontally form a column;
// columns are read left to right, each top to bottom; bands top to bottom.
// So the agency block is read before the motto and the date, and Nơi nhận
// before the signer, instead of line by line across the page.
#ifndef VANBAN_OCR_READING_ORDER_H_
#define VANBAN_OCR_READING_ORDER_H_

#include <vector>

#include "core/document.h"

namespace vanban::ocr {

// Box covering a and b (either may be empty).
Box Union(const Box& a, const Box& b);

std::vector<Block> GroupLines(std::vector<Block> blocks);
std::vector<Block> OrderBlocks(std::vector<Block> blocks);

}  // namespace vanban::ocr

#endif  // VANBAN_OCR_READING_ORDER_H_
