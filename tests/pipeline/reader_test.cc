#include "pipeline/reader.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "input/sniff.h"
#include "testing/paths.h"

namespace vanban::pipeline {
namespace {

Result<Document> Read(const std::string& bytes) { return ReadDocument("x", bytes, ReadLimits{}); }

TEST(SniffTest, ByContentNotName) {
  using input::Format;
  struct Case { std::string head; Format want; } cases[] = {
      {"%PDF-1.7\n", Format::kPdf},
      {std::string("\x89PNG\r\n\x1a\n", 8), Format::kPng},
      {"\xff\xd8\xff\xe0", Format::kJpeg},
      {std::string("II*\0", 4), Format::kTiff},
      {"Kế hoạch số 12", Format::kText},
      {"\xff\xfeK\0", Format::kText},
      {"", Format::kEmpty},
      {"  \n\t\n", Format::kEmpty},
      {std::string("\x7f" "ELF\x02\x01\x01\0\0\0", 10), Format::kBinary},
  };
  for (const auto& c : cases) EXPECT_EQ(input::Sniff(c.head), c.want) << input::FormatName(c.want);
}

TEST(ReaderTest, TextEncodings) {
  auto utf8 = Read("Số: 12/KH-UBND\n");
  ASSERT_TRUE(utf8.ok());
  EXPECT_EQ(utf8->encoding, "UTF-8");
  auto bom = Read("\xEF\xBB\xBFSố: 12/KH-UBND\n");
  ASSERT_TRUE(bom.ok());
  EXPECT_EQ(bom->encoding, "UTF-8 (BOM)");
  EXPECT_EQ(bom->PlainText(), "Số: 12/KH-UBND\n");
  // "Số" in UTF-16LE with BOM: S, ố (U+1ED1)
  auto utf16 = Read(std::string("\xFF\xFES\0\xD1\x1E\n\0", 8));
  ASSERT_TRUE(utf16.ok()) << utf16.status().ToString();
  EXPECT_EQ(utf16->encoding, "UTF-16LE");
  EXPECT_EQ(utf16->PlainText(), "Số\n");
}

TEST(ReaderTest, EveryBadInputHasAReason) {
  struct Case { std::string bytes; const char* reason; } cases[] = {
      {"", "empty file"},
      {std::string("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0", 14), "binary data"},
      {"%PDF-1.4\n1 0 obj garbage\n", "cannot parse PDF"},
      {"\xEF\xBB\xBF\xff\xfe\xfa", "invalid UTF-8"},
  };
  for (const auto& c : cases) {
    auto r = Read(c.bytes);
    ASSERT_FALSE(r.ok()) << c.reason;
    EXPECT_NE(r.status().message().find(c.reason), std::string::npos) << r.status().message();
  }
}

TEST(ReaderTest, TabLinesBecomeTablesAndFormFeedsPages) {
  auto doc = Read("Mở đầu\n\nTT\tNhiệm vụ\tChủ trì\n1\tRà soát\tVăn phòng\n\f\nTT\tNhiệm vụ\tChủ trì\n2\tBáo cáo\tPhòng\n");
  ASSERT_TRUE(doc.ok());
  ASSERT_EQ(doc->pages.size(), 2u);
  ASSERT_EQ(doc->pages[0].blocks.size(), 2u);
  EXPECT_EQ(doc->pages[0].blocks[1].kind, Block::Kind::kTable);
  ASSERT_EQ(doc->pages[0].blocks[1].table.rows.size(), 2u);
  EXPECT_EQ(doc->pages[0].blocks[1].table.rows[1][2].Text(), "Văn phòng");
  EXPECT_EQ(doc->pages[1].blocks[0].table.rows[1][1].Text(), "Báo cáo");
}

// Tables of born-digital PDFs, read from word positions: one bug per case,
// on the corpus renders (tools/render) where each was found.
const Table* FirstTable(const Page& page) {
  for (const Block& b : page.blocks) {
    if (b.kind == Block::Kind::kTable) return &b.table;
  }
  return nullptr;
}

std::vector<std::string> RowText(const Table& t, size_t row) {
  std::vector<std::string> out;
  for (const auto& cell : t.rows[row]) out.push_back(cell.Text());
  return out;
}

TEST(ReaderTest, PdfTableHeadersOverflowingCellsAndHeadingsAfter) {
  auto read = [](const std::string& name) {
    std::string path = testing::SourcePath("corpus/pdf/" + name);
    return ReadDocument(path, testing::ReadFileOrDie(path), ReadLimits{});
  };
  if (!std::filesystem::exists(testing::SourcePath("corpus/pdf"))) GTEST_SKIP() << "corpus/pdf is absent";
  // A header whose cells wrap in narrow columns ("Đơn vị chủ" / "trì"), set
  // with smaller gaps than the rows below it, belongs to the table.
  auto merged = read("ke-hoach-merged-cells.pdf");
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  ASSERT_GE(merged->pages.size(), 3u);
  const Table* t = FirstTable(merged->pages[1]);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(RowText(*t, 0), (std::vector<std::string>{"TT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp",
                                                       "Thời gian hoàn thành", "Sản phẩm"}));
  // One cell set wider than its column does not merge two columns of the table.
  bool found = false;
  for (const Block& b : merged->pages[2].blocks) {
    for (size_t r = 0; b.kind == Block::Kind::kTable && r < b.table.rows.size(); ++r) {
      std::vector<std::string> row = RowText(b.table, r);
      if (row.size() == 6 && row[0] == "1" && row[2] == "Phòng Tin học và Thống kê") {
        found = true;
        EXPECT_EQ(row[3], "Phòng Quản lý ngân sách");
        EXPECT_EQ(row[4], "Quý II/2025");
      }
    }
  }
  EXPECT_TRUE(found);
  // A heading right under a table is not a row of it; a header word gap is not a gutter.
  auto two_pages = read("ke-hoach-hai-trang.pdf");
  ASSERT_TRUE(two_pages.ok()) << two_pages.status().ToString();
  ASSERT_GE(two_pages->pages.size(), 3u);
  t = FirstTable(two_pages->pages[2]);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(RowText(*t, 0)[2], "Cơ quan chủ trì");
  for (size_t r = 0; r < t->rows.size(); ++r) EXPECT_NE(RowText(*t, r)[1], "TỔ CHỨC THỰC HIỆN");
  EXPECT_EQ(RowText(*t, t->rows.size() - 1)[0], "2");
}

TEST(ReaderTest, VietnameseOrNot) {
  auto vi = Read("Thực hiện kế hoạch của Ủy ban nhân dân thành phố về việc nâng cao các chỉ số năm 2024.");
  ASSERT_TRUE(vi.ok());
  EXPECT_TRUE(LooksVietnamese(*vi));
  // Without marks (old typing, English-model OCR) it is still Vietnamese.
  auto bare = Read("Thuc hien ke hoach cua Uy ban nhan dan thanh pho ve viec nang cao cac chi so nam 2024.");
  ASSERT_TRUE(bare.ok());
  EXPECT_TRUE(LooksVietnamese(*bare));
  auto en = Read("The committee shall implement the plan of the city on improving the indices in 2024.");
  ASSERT_TRUE(en.ok());
  EXPECT_FALSE(LooksVietnamese(*en));
}

}  // namespace
}  // namespace vanban::pipeline
