#include "normalize/normalize.h"

#include <gtest/gtest.h>

namespace vanban::normalize {
namespace {

struct Case {
  const char* in;
  const char* want;
};

TEST(NormalizeTest, Table) {
  const Case cases[] = {
      // NFC
      {"Ho\xCC\x80" "a", "Hòa"},
      // tone placement, traditional
      {"Uỷ ban nhân dân, hoà bình, thuý, khoẻ", "Ủy ban nhân dân, hòa bình, thúy, khỏe"},
      {"qủa cuả người", "quả của người"},
      // look-alikes
      {"\xC3\x90" "ảng uỷ", "Đảng ủy"},                     // Ð (eth) → Đ
      {"Th\xD0\xB0nh ph\xD0\xBE", "Thanh pho"},            // Cyrillic а, о inside Latin words
      {"\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0", "Москва"},  // all-Cyrillic word untouched
      // spaces
      {"Số\xC2\xA0" "3822", "Số 3822"},
      {"kế\xE2\x80\x8Bhoạch", "kếhoạch"},                  // zero-width space removed
      {"chuyển\xC2\xAD" "đổi", "chuyểnđổi"},               // soft hyphen removed
      {"a\xE2\x80\xAF" "b\xE3\x80\x80" "c", "a b c"},
      // things that must not change
      {"KH-BQL, 02/NQ-CP, UBND, TTHC", "KH-BQL, 02/NQ-CP, UBND, TTHC"},
      {"https://haiphong.gov.vn/a?b=c", "https://haiphong.gov.vn/a?b=c"},
      {"", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(NormalizeText(c.in), c.want) << c.in;
}

// One test per bug found while building this stage.
TEST(NormalizeTest, FormerBugs) {
  const Case cases[] = {
      // gi- words: the i of gi- is not the tone carrier unless it is the only vowel.
      {"giữ gìn giếng", "giữ gìn giếng"},
      // qu-: u belongs to the onset, so "quý" is already right.
      {"quý", "quý"},
      // all-caps keeps caps after the tone moves.
      {"HOÀ BÌNH", "HÒA BÌNH"},
      // a word with a digit is not a syllable.
      {"s6 1y", "s6 1y"},
  };
  for (const auto& c : cases) EXPECT_EQ(NormalizeText(c.in), c.want) << c.in;
}

TEST(NormalizeTest, LineKeepsOriginal) {
  Line l;
  l.text = "Uỷ ban hoà giải";
  l.words.push_back(Word{"hoà", "", {}, 90});
  NormalizeLine(&l);
  EXPECT_EQ(l.text, "Ủy ban hòa giải");
  EXPECT_EQ(l.original, "Uỷ ban hoà giải");
  EXPECT_EQ(l.words[0].text, "hòa");
  EXPECT_EQ(l.words[0].original, "hoà");

  Line same;
  same.text = "Kế hoạch";
  NormalizeLine(&same);
  EXPECT_EQ(same.original, "");
}

TEST(NormalizeTest, DocumentRepairsLineEndHyphenation) {
  Document d;
  d.pages.emplace_back();
  Block b;
  for (const char* t : {"thực hiện chuyể-", "n đổi số; giai đoạn 2022-", "2025 và KH-", "BQL"}) {
    Line l;
    l.text = t;
    b.lines.push_back(l);
  }
  d.pages[0].blocks.push_back(b);
  NormalizeDocument(&d);
  const auto& lines = d.pages[0].blocks[0].lines;
  EXPECT_EQ(lines[0].text, "thực hiện chuyển");
  EXPECT_EQ(lines[1].text, "đổi số; giai đoạn 2022-");  // numbers are not joined
  EXPECT_EQ(lines[2].text, "2025 và KH-");
  EXPECT_EQ(lines[3].text, "BQL");                       // capitals are not joined
  EXPECT_EQ(lines[0].original, "thực hiện chuyể-");
}

}  // namespace
}  // namespace vanban::normalize
