#include "restore/tokenize.h"

#include <gtest/gtest.h>

namespace vanban::restore {
namespace {

std::string Kinds(const std::string& line) {
  std::string out;
  for (const auto& t : Tokenize(line)) {
    if (!out.empty()) out += ' ';
    switch (t.kind) {
      case TokenKind::kWord: out += "W:"; break;
      case TokenKind::kNumber: out += "N:"; break;
      case TokenKind::kSymbol: out += "S:"; break;
      case TokenKind::kUrl: out += "U:"; break;
      case TokenKind::kPunct: out += "P:"; break;
    }
    out += t.text;
  }
  return out;
}

TEST(TokenizeTest, Table) {
  struct Case { const char* in; const char* want; } cases[] = {
      {"Số: 3822 /KH-BQL", "W:Số P:: N:3822 P:/ S:KH-BQL"},
      {"Nghị quyết số 02/NQ-CP ngày 05/01/2024.", "W:Nghị W:quyết W:số S:02/NQ-CP W:ngày S:05/01/2024 P:."},
      {"(PCI) năm 2024-2025", "P:( W:PCI P:) W:năm S:2024-2025"},
      {"77,39 điểm; 1.000 người", "N:77,39 W:điểm P:; N:1.000 W:người"},
      {"ctia Ban Quan 1y", "W:ctia W:Ban W:Quan W:1y"},
      {"gửi bqlkkt@haiphong.gov.vn hoặc https://x.vn/a", "W:gửi U:bqlkkt@haiphong.gov.vn W:hoặc U:https://x.vn/a"},
      {"“tận tâm - lắng nghe”", "P:“ W:tận W:tâm P:- W:lắng W:nghe P:”"},
      {"DVVL-ĐT-XTĐT", "S:DVVL-ĐT-XTĐT"},
      {"vé&moi", "W:vé P:& W:moi"},
      {"", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(Kinds(c.in), c.want) << c.in;
}

TEST(TokenizeTest, OffsetsCoverTheText) {
  std::string line = "  Kế hoạch  số 12/KH ";
  for (const auto& t : Tokenize(line)) EXPECT_EQ(line.substr(t.begin, t.end - t.begin), t.text);
}

TEST(TokenizeTest, LmKeys) {
  auto t = Tokenize("Hải 2024 KH-BQL s6 , 2024-2025");
  ASSERT_EQ(t.size(), 6u);
  EXPECT_EQ(LmKey(t[5]), "<num>");
  EXPECT_EQ(LmKey(t[0]), "hải");
  EXPECT_EQ(LmKey(t[1]), "<num>");
  EXPECT_EQ(LmKey(t[2]), "<sym>");
  EXPECT_EQ(LmKey(t[3]), "<unk>");
  EXPECT_EQ(LmKey(t[4]), ",");
}

}  // namespace
}  // namespace vanban::restore
