// Leptonica stages without Tesseract, on pages rendered by tools/render.
#include <gtest/gtest.h>

#include <cmath>

#include "ocr/clean.h"
#include "ocr/table_grid.h"
#include "render/render.h"
#include "testing/paths.h"

namespace vanban::ocr {
namespace {

render::Layout LayoutOf(const std::string& name) {
  std::string text = testing::ReadFileOrDie(testing::SourcePath("tests/ocr/data/" + name));
  auto layout = render::LayoutDocument(text);
  EXPECT_TRUE(layout.ok()) << layout.status().ToString();
  return std::move(layout).value();
}

TEST(Clean, FindsTheSkewOfARotatedScan) {
  render::Layout layout = LayoutOf("cong-van-sot-xuat-huyet.txt");
  for (double skew : {1.5, -1.2, 0.6}) {
    render::ScanOptions so;
    so.seed = 5;
    so.skew_degrees = skew;
    auto pages = render::RenderScan(layout, so);
    ASSERT_FALSE(pages.empty());
    Result<CleanPage> clean = Clean(pages[0].get(), 300);
    ASSERT_TRUE(clean.ok()) << clean.status().ToString();
    // The renderer turns the page by +skew; deskew turns it back by the
    // same amount in Leptonica's convention, which has the opposite sign.
    EXPECT_NEAR(std::fabs(clean->skew_degrees), std::fabs(skew), 0.15) << "skew " << skew;
    EXPECT_LT(clean->skew_degrees * skew, 0) << "skew " << skew;
    EXPECT_EQ(pixGetDepth(clean->binary.get()), 1);
  }
}

TEST(Clean, RemovesSolidBordersButKeepsATableCutByTheEdge) {
  // A grey page: a solid black band along the left edge (scanner shadow)
  // and a ruled grid running off the right edge.
  PixPtr page(pixCreate(1200, 900, 8));
  pixSetAllGray(page.get(), 235);
  auto rect = [&](int x, int y, int w, int h) {
    BoxPtr box(boxCreate(x, y, w, h));
    pixSetInRectArbitrary(page.get(), box.get(), 20);
  };
  rect(0, 0, 40, 900);
  for (int y : {300, 400, 500}) rect(600, y, 600, 4);
  for (int x : {600, 800, 1000}) rect(x, 300, 4, 204);
  Result<CleanPage> clean = Clean(page.get(), 300);
  ASSERT_TRUE(clean.ok());
  PIX* b = clean->binary.get();
  auto ink = [&](int x, int y, int w, int h) {
    BoxPtr box(boxCreate(x, y, w, h));
    l_int32 n = 0;
    pixCountPixelsInRect(b, box.get(), &n, nullptr);
    return n;
  };
  EXPECT_EQ(ink(0, 100, 30, 700), 0) << "the shadow is gone";
  EXPECT_GT(ink(600, 300, 600, 210), 2000) << "the grid is kept";
}

TEST(Clean, RefusesImagesTooSmallToHoldText) {
  PixPtr tiny(pixCreate(1, 1, 8));
  Result<CleanPage> clean = Clean(tiny.get(), 300);
  ASSERT_FALSE(clean.ok());
  EXPECT_EQ(clean.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Clean(nullptr, 300).status().code(), StatusCode::kInvalidArgument);
}

TEST(TableGrid, FindsTheRuledTaskTable) {
  // ke-hoach-trong-cay.txt: a 5-column task table with a header and 4 rows.
  render::Layout layout = LayoutOf("ke-hoach-trong-cay.txt");
  render::ScanOptions so;
  so.seed = 9;
  auto pages = render::RenderScan(layout, so);
  Result<CleanPage> clean = Clean(pages[0].get(), 300);
  ASSERT_TRUE(clean.ok());
  Grids grids = FindGrids(clean->binary.get(), 300);
  ASSERT_EQ(grids.grids.size(), 1u);
  const Grid& g = grids.grids[0];
  EXPECT_EQ(g.rows(), 5);
  EXPECT_EQ(g.cols(), 5);
  EXPECT_EQ(g.cells.size(), 25u);
  for (const GridCell& c : g.cells) {
    EXPECT_EQ(c.row_span, 1);
    EXPECT_EQ(c.col_span, 1);
  }
  ASSERT_NE(grids.without_rules, nullptr);
}

TEST(TableGrid, MergesCellsWhereARuleIsMissing) {
  // A 3×3 grid drawn by hand, with the rule between the two top-right cells
  // left out and the rule under the middle-left cell left out.
  PixPtr pix(pixCreate(1200, 600, 1));
  auto hline = [&](int y, int x0, int x1) { pixRasterop(pix.get(), x0, y, x1 - x0, 4, PIX_SET, nullptr, 0, 0); };
  auto vline = [&](int x, int y0, int y1) { pixRasterop(pix.get(), x, y0, 4, y1 - y0, PIX_SET, nullptr, 0, 0); };
  for (int y : {100, 500}) hline(y, 100, 1104);
  hline(233, 100, 1104);
  hline(366, 434, 1104);         // missing under column 0
  for (int x : {100, 1100}) vline(x, 100, 504);
  vline(434, 100, 504);
  vline(767, 233, 504);          // missing in row 0
  Grids grids = FindGrids(pix.get(), 300);
  ASSERT_EQ(grids.grids.size(), 1u);
  const Grid& g = grids.grids[0];
  EXPECT_EQ(g.rows(), 3);
  EXPECT_EQ(g.cols(), 3);
  // Row 0: (0,0) and (0,1) spanning 2 columns; rows 1–2: (1,0) spanning 2
  // rows, (1,1), (1,2), (2,1), (2,2).
  ASSERT_EQ(g.cells.size(), 7u);
  EXPECT_EQ(g.cells[1].row, 0);
  EXPECT_EQ(g.cells[1].col, 1);
  EXPECT_EQ(g.cells[1].col_span, 2);
  EXPECT_EQ(g.cells[2].row, 1);
  EXPECT_EQ(g.cells[2].col, 0);
  EXPECT_EQ(g.cells[2].row_span, 2);
}

TEST(TableGrid, UnderlinesAreNotTables) {
  PixPtr pix(pixCreate(1200, 600, 1));
  pixRasterop(pix.get(), 300, 200, 500, 3, PIX_SET, nullptr, 0, 0);
  pixRasterop(pix.get(), 300, 260, 500, 3, PIX_SET, nullptr, 0, 0);
  EXPECT_TRUE(FindGrids(pix.get(), 300).grids.empty());
}

}  // namespace
}  // namespace vanban::ocr
