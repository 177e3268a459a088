// Reading order on synthetic OCR output: the two-column header must not be
// interleaved line by line, and Nơi nhận comes before the signer.
#include "ocr/reading_order.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace vanban::ocr {
namespace {

// A line of words laid out from x at height y; each word 20 px per letter.
Line MakeLine(const std::string& text, int x, int y, int gap = 20) {
  Line l;
  std::istringstream in(text);
  std::string w;
  while (in >> w) {
    Word word;
    word.text = w;
    word.box = {x, y, static_cast<int>(w.size()) * 20, 50};
    word.confidence = 90;
    x += word.box.w + gap;
    l.words.push_back(word);
    l.text += (l.text.empty() ? "" : " ") + w;
    l.box = Union(l.box, word.box);
  }
  l.confidence = 90;
  return l;
}

Block MakeBlock(std::vector<Line> lines) {
  Block b;
  for (Line& l : lines) {
    b.box = Union(b.box, l.box);
    b.lines.push_back(std::move(l));
  }
  return b;
}

std::vector<std::string> Texts(const std::vector<Block>& blocks) {
  std::vector<std::string> out;
  for (const Block& b : blocks)
    for (const Line& l : b.lines) out.push_back(l.text);
  return out;
}

TEST(ReadingOrder, HeaderColumnsAreNotInterleaved) {
  // Tesseract's worst case: each text line of the page holds both columns,
  // all in one block, in page order.
  std::vector<Line> lines;
  Line a = MakeLine("UBND TINH", 400, 200);
  Line b = MakeLine("CONG HOA XA HOI", 1300, 200);
  Line row1;
  row1.words = a.words;
  row1.words.insert(row1.words.end(), b.words.begin(), b.words.end());
  row1.text = a.text + " " + b.text;
  row1.box = Union(a.box, b.box);
  row1.confidence = 90;
  Line c = MakeLine("SO NOI VU", 420, 265);
  Line d = MakeLine("Doc lap Tu do", 1350, 265);
  Line row2;
  row2.words = c.words;
  row2.words.insert(row2.words.end(), d.words.begin(), d.words.end());
  row2.text = c.text + " " + d.text;
  row2.box = Union(c.box, d.box);
  row2.confidence = 90;
  Line num = MakeLine("So: 12/KH-SNV", 430, 360);
  Line date = MakeLine("Can Tho, ngay 3", 1320, 362);
  Line title = MakeLine("KE HOACH", 1050, 500);
  Line body = MakeLine("Thuc hien van ban so 5 cua UBND thanh pho ve viec", 350, 600);
  std::vector<Block> blocks = {MakeBlock({row1, row2, num}), MakeBlock({date}), MakeBlock({title}),
                               MakeBlock({body})};
  std::vector<Block> ordered = OrderBlocks(GroupLines(std::move(blocks)));
  std::vector<std::string> expected = {"UBND TINH", "SO NOI VU", "So: 12/KH-SNV", "CONG HOA XA HOI",
                                       "Doc lap Tu do", "Can Tho, ngay 3", "KE HOACH",
                                       "Thuc hien van ban so 5 cua UBND thanh pho ve viec"};
  EXPECT_EQ(Texts(ordered), expected);
}

TEST(ReadingOrder, NoiNhanBeforeSigner) {
  std::vector<Block> blocks = {
      MakeBlock({MakeLine("KT. GIAM DOC", 1500, 3000), MakeLine("PHO GIAM DOC", 1510, 3060)}),
      MakeBlock({MakeLine("Noi nhan:", 350, 3010), MakeLine("- Nhu tren;", 350, 3070),
                 MakeLine("- Luu: VT.", 350, 3130)}),
      MakeBlock({MakeLine("Tran Van A", 1530, 3300)}),
  };
  std::vector<std::string> expected = {"Noi nhan:", "- Nhu tren;", "- Luu: VT.", "KT. GIAM DOC", "PHO GIAM DOC",
                                       "Tran Van A"};
  EXPECT_EQ(Texts(OrderBlocks(GroupLines(std::move(blocks)))), expected);
}

TEST(ReadingOrder, JustifiedLinesAreNotCut) {
  // Word gaps of a justified line stay under two word heights.
  Block b = MakeBlock({MakeLine("mot hai ba bon nam sau bay", 350, 600, 80)});
  std::vector<Block> out = GroupLines({b});
  ASSERT_EQ(out.size(), 1u);
  ASSERT_EQ(out[0].lines.size(), 1u);
  EXPECT_EQ(out[0].lines[0].words.size(), 7u);
}

TEST(ReadingOrder, SpeckLinesAreDropped) {
  Line specks = MakeLine("` . ^ ~", 500, 700);
  specks.confidence = 20;
  Block b = MakeBlock({MakeLine("noi dung", 350, 600), specks});
  EXPECT_EQ(Texts(GroupLines({b})), std::vector<std::string>{"noi dung"});
}

TEST(ReadingOrder, TablesPassThroughInPlace) {
  Block table;
  table.kind = Block::Kind::kTable;
  table.box = {350, 800, 1900, 600};
  std::vector<Block> blocks = {MakeBlock({MakeLine("sau bang", 350, 1500)}), table,
                               MakeBlock({MakeLine("truoc bang", 350, 700)})};
  std::vector<Block> out = OrderBlocks(GroupLines(std::move(blocks)));
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].lines[0].text, "truoc bang");
  EXPECT_EQ(out[1].kind, Block::Kind::kTable);
  EXPECT_EQ(out[2].lines[0].text, "sau bang");
}

}  // namespace
}  // namespace vanban::ocr
