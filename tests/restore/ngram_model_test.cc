#include "restore/ngram_model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "testing/paths.h"

namespace vanban::restore {
namespace {

NgramModel BuildSmall(const std::string& dir) {
  NgramBuilder b;
  const std::vector<std::vector<std::string>> sentences = {
      {"kế", "hoạch", "nâng", "cao", "năng", "lực"},
      {"nâng", "cao", "chất", "lượng"},
      {"kế", "hoạch", "số", "<num>"},
      {"năng", "lực", "cạnh", "tranh"},
      {"nâng", "cao", "năng", "lực", "cạnh", "tranh"},
      {"chất", "lượng", "dịch", "vụ"},
  };
  for (int rep = 0; rep < 3; ++rep)
    for (const auto& s : sentences) b.AddSentence(s);
  b.AddSentence({"một", "lần"});
  const std::string path = dir + "/small.lm";
  EXPECT_TRUE(b.Write(path).ok());
  auto m = NgramModel::Load(path);
  EXPECT_TRUE(m.ok()) << m.status().ToString();
  return std::move(m).value();
}

TEST(NgramModelTest, DistributionsSumToOne) {
  NgramModel m = BuildSmall(testing::TempDir());
  // Σ_w p(w | h) over the vocabulary (without <s>) for several histories,
  // seen and unseen: Kneser–Ney must give a proper distribution.
  const std::vector<std::pair<std::string, std::string>> histories = {
      {"<s>", "<s>"}, {"nâng", "cao"}, {"kế", "hoạch"}, {"cao", "năng"}, {"lần", "tranh"}, {"<s>", "nâng"}};
  for (const auto& [a, b] : histories) {
    double sum = 0;
    for (WordId w = 0; w < m.vocab_size(); ++w) {
      if (w == kBos) continue;
      sum += std::exp(m.LogProb(m.Id(a), m.Id(b), w));
    }
    EXPECT_NEAR(sum, 1.0, 1e-3) << a << " " << b;
  }
}

TEST(NgramModelTest, PrefersSeenContinuations) {
  NgramModel m = BuildSmall(testing::TempDir());
  EXPECT_GT(m.LogProb(m.Id("nâng"), m.Id("cao"), m.Id("năng")),
            m.LogProb(m.Id("nâng"), m.Id("cao"), m.Id("hoạch")));
  EXPECT_GT(m.LogProb(kBos, kBos, m.Id("kế")), m.LogProb(kBos, kBos, m.Id("lần")));
  // The two-step API agrees with LogProb.
  auto h = m.Context(m.Id("nâng"), m.Id("cao"));
  for (WordId w = 0; w < m.vocab_size(); ++w)
    EXPECT_FLOAT_EQ(m.LogProbAfter(h, w, m.BigramPart(m.Id("cao"), w)), m.LogProb(m.Id("nâng"), m.Id("cao"), w));
}

TEST(NgramModelTest, RejectsBadFiles) {
  std::string dir = testing::TempDir();
  EXPECT_EQ(NgramModel::Load(dir + "/missing.lm").status().code(), StatusCode::kNotFound);
  testing::WriteFileOrDie(dir + "/bad.lm", "not a model at all, just text");
  EXPECT_EQ(NgramModel::Load(dir + "/bad.lm").status().code(), StatusCode::kCorrupt);
  // Truncated: a good model cut short.
  BuildSmall(dir);
  std::string good = testing::ReadFileOrDie(dir + "/small.lm");
  testing::WriteFileOrDie(dir + "/cut.lm", good.substr(0, good.size() - 100));
  EXPECT_EQ(NgramModel::Load(dir + "/cut.lm").status().code(), StatusCode::kCorrupt);
}

}  // namespace
}  // namespace vanban::restore
