#include "restore/ngram_model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "testing/paths.h"

namespace vanban::restore {
namespace {

NgramModel BuildSmall(const std::string& dir, int order = 3) {
  NgramBuilder b(order);
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
  for (int order : {3, 4}) {
    NgramModel m = BuildSmall(testing::TempDir(), order);
    ASSERT_EQ(m.order(), order);
    // Σ_w p(w | h) over the vocabulary (without <s>) for several histories,
    // seen and unseen: Kneser–Ney must give a proper distribution.
    const std::vector<std::vector<std::string>> histories = {
        {"<s>", "<s>", "<s>"}, {"<s>", "nâng", "cao"}, {"hoạch", "nâng", "cao"}, {"<s>", "kế", "hoạch"},
        {"nâng", "cao", "năng"}, {"cạnh", "lần", "tranh"}, {"<s>", "<s>", "nâng"}, {"cao", "năng", "lực"}};
    for (const auto& hs : histories) {
      const WordId h[3] = {m.Id(hs[0]), m.Id(hs[1]), m.Id(hs[2])};
      double sum = 0;
      for (WordId w = 0; w < m.vocab_size(); ++w) {
        if (w == kBos) continue;
        sum += std::exp(m.LogProb(h, 3, w));
      }
      EXPECT_NEAR(sum, 1.0, 1e-3) << "order " << order << ": " << hs[0] << " " << hs[1] << " " << hs[2];
    }
  }
}

TEST(NgramModelTest, PrefersSeenContinuations) {
  NgramModel m = BuildSmall(testing::TempDir());
  EXPECT_GT(m.LogProb(m.Id("nâng"), m.Id("cao"), m.Id("năng")),
            m.LogProb(m.Id("nâng"), m.Id("cao"), m.Id("hoạch")));
  EXPECT_GT(m.LogProb(kBos, kBos, m.Id("kế")), m.LogProb(kBos, kBos, m.Id("lần")));
  // The two-step API agrees with LogProb, for both orders.
  for (int order : {3, 4}) {
    NgramModel mo = BuildSmall(testing::TempDir(), order);
    const WordId h[3] = {mo.Id("hoạch"), mo.Id("nâng"), mo.Id("cao")};
    const WordId* th = h + (3 - (order - 1));
    auto top = mo.Top(th);
    for (WordId w = 0; w < mo.vocab_size(); ++w) {
      float lower = mo.LogProb(th + 1, order - 2, w);
      EXPECT_FLOAT_EQ(mo.TopLogProb(top, th, w, lower), mo.LogProb(h, 3, w)) << order;
    }
  }
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
