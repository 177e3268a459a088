// Ruled table grids found with Leptonica morphology. Internal to src/ocr.
//
// FindGrids opens the binary page with long horizontal and vertical
// structuring elements to keep only rules, groups the rules into tables,
// derives the row and column lines of each, and cuts cells, merging grid
// cells across a missing rule into row/column spans. Also returns the page
// with the rules erased (for reading the cells). Pure; thread-safe.
#ifndef VANBAN_OCR_TABLE_GRID_H_
#define VANBAN_OCR_TABLE_GRID_H_

#include <vector>

#include "core/document.h"
#include "ocr/pix.h"

namespace vanban::ocr {

struct GridCell {
  int row = 0, col = 0, row_span = 1, col_span = 1;
  Box box;  // inside the rules, in page pixels
};

struct Grid {
  Box box;                  // the whole table, rules included
  std::vector<int> xs, ys;  // column and row lines, left to right / top to bottom
  std::vector<GridCell> cells;  // row-major by top-left corner
  int rows() const { return static_cast<int>(ys.size()) - 1; }
  int cols() const { return static_cast<int>(xs.size()) - 1; }
};

struct Grids {
  std::vector<Grid> grids;
  PixPtr without_rules;  // the binary page minus the rules; null when no grid
};

Grids FindGrids(PIX* binary, int dpi);

}  // namespace vanban::ocr

#endif  // VANBAN_OCR_TABLE_GRID_H_
