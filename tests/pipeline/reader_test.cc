#include "pipeline/reader.h"

#include <gtest/gtest.h>

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
