#include "extract/rule_pack.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "testing/paths.h"

namespace vanban::extract {
namespace {

TEST(RulePackTest, ParsesMacrosCapturesAndExamples) {
  Result<RulePack> pack = RulePack::Parse(R"(
[define]
DAY = (?:0?[1-9]|[12][0-9]|3[01])
DATE = {DAY}/(?P<month>[0-9]{1,2})

[rule date]
pattern = ngày (?P<day>{DAY})
pattern += /(?P<month>[0-9]{1,2})
example = trước ngày 05/12 hằng năm
  day = 05
  month = 12
never = ngày mai
)", "inline.rules", ".");
  ASSERT_TRUE(pack.ok()) << pack.status().ToString();
  EXPECT_TRUE(pack->CheckExamples().ok()) << pack->CheckExamples().ToString();
  const Rule* rule = pack->Find("date");
  ASSERT_NE(rule, nullptr);
  std::vector<RuleMatch> all = rule->FindAll("ngày 1/2 và ngày 15/3");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].Get("day"), "15");
  EXPECT_EQ(all[1].Get("month"), "3");
  EXPECT_EQ(pack->Macro("DATE"), "(?:0?[1-9]|[12][0-9]|3[01])/(?P<month>[0-9]{1,2})");
}

TEST(RulePackTest, FoldedRuleReturnsOriginalSpans) {
  Result<RulePack> pack = RulePack::Parse(
      "[rule unit]\ntext = folded\npattern = (?P<unit>van\\s+phong\\s+\\S+)\n", "f.rules", ".");
  ASSERT_TRUE(pack.ok()) << pack.status().ToString();
  RuleMatch m;
  std::string text = "Giao VĂN PHÒNG Ban theo dõi";
  ASSERT_TRUE(pack->rules()[0].Find(text, &m));
  EXPECT_EQ(m.Get("unit"), "VĂN PHÒNG Ban");
  EXPECT_EQ(text.substr(m.begin, m.end - m.begin), "VĂN PHÒNG Ban");
}

TEST(RulePackTest, FiringUsesTheSet) {
  Result<RulePack> pack = RulePack::Parse(
      "[rule a]\npattern = chủ trì\n[rule b]\npattern = phối hợp\n[rule c]\npattern = hằng tháng\n",
      "s.rules", ".");
  ASSERT_TRUE(pack.ok());
  auto firing = pack->Firing("Văn phòng chủ trì, phối hợp với các phòng");
  ASSERT_EQ(firing.size(), 2u);
  EXPECT_EQ(firing[0]->name(), "a");
  EXPECT_EQ(firing[1]->name(), "b");
}

// Every error names the file and line, and says what is wrong.
TEST(RulePackTest, ErrorsNameFileAndLine) {
  struct Case {
    const char* text;
    const char* want;
  } cases[] = {
      {"[rule x]\npattern = (unclosed\n", "bad.rules:1: rule x: missing ): (unclosed"},
      {"[rule x]\npattern = {NOPE}\n", "bad.rules:1: undefined macro {NOPE}"},
      {"pattern = a\n", "bad.rules:1: 'pattern' outside any section"},
      {"[rule x]\npattern = a\n[rule x]\npattern = b\n", "bad.rules:3: rule x defined twice"},
      {"[rule x]\nwhat = a\n", "bad.rules:2: unknown key 'what'"},
      {"[ruel x]\n", "bad.rules:1: unknown section [ruel x]"},
      {"[define]\nA = {B}\nB = {A}\n[rule x]\npattern = {A}\n", "macros expand too deeply"},
      {"[rule x]\n", "bad.rules:1: rule x has no pattern"},
      {"@include missing.rules\n", "bad.rules:1: cannot read included pack"},
  };
  for (const auto& c : cases) {
    Result<RulePack> pack = RulePack::Parse(c.text, "bad.rules", "/nonexistent");
    ASSERT_FALSE(pack.ok()) << c.text;
    EXPECT_NE(pack.status().message().find(c.want), std::string::npos)
        << "got: " << pack.status().message() << "\nwant: " << c.want;
  }
}

TEST(RulePackTest, FailingExamplesAreReported) {
  Result<RulePack> pack = RulePack::Parse(
      "[rule x]\npattern = (?P<n>[0-9]+)\nexample = số 12\n  n = 13\nnever = abc 1\n", "ex.rules", ".");
  ASSERT_TRUE(pack.ok());
  Status s = pack->CheckExamples();
  EXPECT_EQ(s.message(), "ex.rules:3: rule x: field n: want \"13\", got \"12\" in \"số 12\"");
}

// The shipped packs load, and every example and never-line in them holds.
TEST(RulePackTest, ShippedPacksPassTheirExamples) {
  std::filesystem::path dir = testing::SourcePath("rules");
  int packs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".rules") continue;
    ++packs;
    Result<RulePack> pack = RulePack::LoadFile(entry.path().string());
    ASSERT_TRUE(pack.ok()) << pack.status().ToString();
    Status s = pack->CheckExamples();
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
  EXPECT_GE(packs, 3);
}

// Former bugs.
TEST(RulePackTest, EmptyMatchesDoNotLoopForever) {
  Result<RulePack> pack = RulePack::Parse("[rule x]\npattern = (?P<a>ư*)\n", "e.rules", ".");
  ASSERT_TRUE(pack.ok());
  // "ư" at 0, "" at the 'a', "ư" at 3, "" at the end: each step moves forward.
  auto all = pack->rules()[0].FindAll("ưaư");
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].Get("a"), "ư");
  EXPECT_EQ(all[1].begin, 2u);
  EXPECT_EQ(all[2].Get("a"), "ư");
  EXPECT_EQ(all[3].begin, 5u);
}

}  // namespace
}  // namespace vanban::extract
