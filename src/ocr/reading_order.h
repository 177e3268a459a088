// Reading order of the blocks on an OCR'd page. Internal to src/ocr, pure
// functions on the document model (no Tesseract), so tests can drive them.
//
// SplitColumns: Tesseract sometimes puts the two halves of a two-column
// header ("UBND TỈNH X        CỘNG HÒA XÃ HỘI ...") on one text line. A line
// whose words leave a gap wider than a few line heights is cut there, and a
// block whose lines are cut becomes a left block and a right block.
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

std::vector<Block> SplitColumns(std::vector<Block> blocks);
std::vector<Block> OrderBlocks(std::vector<Block> blocks);

}  // namespace vanban::ocr

#endif  // VANBAN_OCR_READING_ORDER_H_
