#include "restore/ngram_model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
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
}

// The node API (what the decoder uses) agrees with LogProb: p(w | h) is the
// child of h's node when there is one, else h's backoff plus p(w | shorter h).
TEST(NgramModelTest, NodesAgreeWithLogProb) {
  for (int order : {3, 4}) {
    NgramModel m = BuildSmall(testing::TempDir(), order);
    const std::vector<std::vector<std::string>> histories = {
        {"hoạch", "nâng", "cao"}, {"<s>", "kế", "hoạch"}, {"cạnh", "lần", "tranh"}, {"<s>", "<s>", "<s>"}};
    int seen_contexts = 0, found_children = 0;
    for (const auto& hs : histories) {
      const WordId h[3] = {m.Id(hs[0]), m.Id(hs[1]), m.Id(hs[2])};
      const WordId* th = h + (3 - (order - 1));  // the top order's history
      const NodeId node = m.Node(th, order - 1);
      if (node != kNoNode) ++seen_contexts;
      for (WordId w = 0; w < m.vocab_size(); ++w) {
        const float lower = m.LogProb(th + 1, order - 2, w);
        const NodeId c = node == kNoNode ? kNoNode : m.Child(order - 1, node, w);
        if (c != kNoNode) ++found_children;
        const float p = c != kNoNode ? m.NodeLogProb(order, c)
                                     : (node == kNoNode ? 0.0f : m.NodeBackoff(order - 1, node)) + lower;
        EXPECT_FLOAT_EQ(p, m.LogProb(h, 3, w)) << order << " " << m.Word(w);
      }
    }
    EXPECT_GE(seen_contexts, 2) << order;
    EXPECT_GE(found_children, 2) << order;
    // Node of a unigram is its id; an unseen pair has no node.
    const WordId ke = m.Id("kế");
    EXPECT_EQ(m.Node(&ke, 1), ke);
    const WordId unseen[2] = {m.Id("lần"), m.Id("kế")};
    EXPECT_EQ(m.Node(unseen, 2), kNoNode);
  }
}

// The same probabilities as the previous format (VBLM3, an open-addressing
// hash of packed keys) gave: these values were printed by that model on the
// corpus of BuildSmall before the trie replaced it.
TEST(NgramModelTest, SameProbabilitiesAsTheHashTableModel) {
  struct Golden {
    int order;
    const char *h1, *h2, *h3, *w;
    float lp;
  };
  const Golden golden[] = {
    {3, "<s>", "<s>", "<s>", "năng", -2.265938f},
    {3, "<s>", "<s>", "<s>", "hoạch", -4.195559f},
    {3, "<s>", "<s>", "<s>", "cao", -4.195559f},
    {3, "<s>", "<s>", "<s>", "lần", -4.195559f},
    {3, "<s>", "<s>", "<s>", "tranh", -4.195559f},
    {3, "<s>", "<s>", "<s>", "</s>", -2.596659f},
    {3, "<s>", "nâng", "cao", "năng", -0.5814123f},
    {3, "<s>", "nâng", "cao", "hoạch", -4.546957f},
    {3, "<s>", "nâng", "cao", "cao", -4.546957f},
    {3, "<s>", "nâng", "cao", "lần", -4.546957f},
    {3, "<s>", "nâng", "cao", "tranh", -4.546957f},
    {3, "<s>", "nâng", "cao", "</s>", -2.948057f},
    {3, "hoạch", "nâng", "cao", "năng", -0.5814123f},
    {3, "hoạch", "nâng", "cao", "hoạch", -4.546957f},
    {3, "hoạch", "nâng", "cao", "cao", -4.546957f},
    {3, "hoạch", "nâng", "cao", "lần", -4.546957f},
    {3, "hoạch", "nâng", "cao", "tranh", -4.546957f},
    {3, "hoạch", "nâng", "cao", "</s>", -2.948057f},
    {3, "<s>", "kế", "hoạch", "năng", -3.643437f},
    {3, "<s>", "kế", "hoạch", "hoạch", -4.141491f},
    {3, "<s>", "kế", "hoạch", "cao", -4.141491f},
    {3, "<s>", "kế", "hoạch", "lần", -4.141491f},
    {3, "<s>", "kế", "hoạch", "tranh", -4.141491f},
    {3, "<s>", "kế", "hoạch", "</s>", -2.542592f},
    {3, "nâng", "cao", "năng", "năng", -5.435196f},
    {3, "nâng", "cao", "năng", "hoạch", -5.933251f},
    {3, "nâng", "cao", "năng", "cao", -5.933251f},
    {3, "nâng", "cao", "năng", "lần", -5.933251f},
    {3, "nâng", "cao", "năng", "tranh", -5.933251f},
    {3, "nâng", "cao", "năng", "</s>", -4.334351f},
    {3, "cạnh", "lần", "tranh", "năng", -2.950289f},
    {3, "cạnh", "lần", "tranh", "hoạch", -3.448344f},
    {3, "cạnh", "lần", "tranh", "cao", -3.448344f},
    {3, "cạnh", "lần", "tranh", "lần", -3.448344f},
    {3, "cạnh", "lần", "tranh", "tranh", -3.448344f},
    {3, "cạnh", "lần", "tranh", "</s>", -0.898145f},
    {3, "<s>", "<s>", "nâng", "năng", -5.435196f},
    {3, "<s>", "<s>", "nâng", "hoạch", -5.933251f},
    {3, "<s>", "<s>", "nâng", "cao", -0.061716f},
    {3, "<s>", "<s>", "nâng", "lần", -5.933251f},
    {3, "<s>", "<s>", "nâng", "tranh", -5.933251f},
    {3, "<s>", "<s>", "nâng", "</s>", -4.334351f},
    {3, "cao", "năng", "lực", "năng", -4.048902f},
    {3, "cao", "năng", "lực", "hoạch", -4.546957f},
    {3, "cao", "năng", "lực", "cao", -4.546957f},
    {3, "cao", "năng", "lực", "lần", -4.546957f},
    {3, "cao", "năng", "lực", "tranh", -4.546957f},
    {3, "cao", "năng", "lực", "</s>", -1.344098f},
    {4, "<s>", "<s>", "<s>", "năng", -2.265938f},
    {4, "<s>", "<s>", "<s>", "hoạch", -4.195559f},
    {4, "<s>", "<s>", "<s>", "cao", -4.195559f},
    {4, "<s>", "<s>", "<s>", "lần", -4.195559f},
    {4, "<s>", "<s>", "<s>", "tranh", -4.195559f},
    {4, "<s>", "<s>", "<s>", "</s>", -2.596659f},
    {4, "<s>", "nâng", "cao", "năng", -0.5101551f},
    {4, "<s>", "nâng", "cao", "hoạch", -5.39148f},
    {4, "<s>", "nâng", "cao", "cao", -5.39148f},
    {4, "<s>", "nâng", "cao", "lần", -5.39148f},
    {4, "<s>", "nâng", "cao", "tranh", -5.39148f},
    {4, "<s>", "nâng", "cao", "</s>", -3.792581f},
    {4, "hoạch", "nâng", "cao", "năng", -0.1620456f},
    {4, "hoạch", "nâng", "cao", "hoạch", -5.39148f},
    {4, "hoạch", "nâng", "cao", "cao", -5.39148f},
    {4, "hoạch", "nâng", "cao", "lần", -5.39148f},
    {4, "hoạch", "nâng", "cao", "tranh", -5.39148f},
    {4, "hoạch", "nâng", "cao", "</s>", -3.792581f},
    {4, "<s>", "kế", "hoạch", "năng", -3.854746f},
    {4, "<s>", "kế", "hoạch", "hoạch", -4.3528f},
    {4, "<s>", "kế", "hoạch", "cao", -4.3528f},
    {4, "<s>", "kế", "hoạch", "lần", -4.3528f},
    {4, "<s>", "kế", "hoạch", "tranh", -4.3528f},
    {4, "<s>", "kế", "hoạch", "</s>", -2.753901f},
    {4, "nâng", "cao", "năng", "năng", -5.646505f},
    {4, "nâng", "cao", "năng", "hoạch", -6.14456f},
    {4, "nâng", "cao", "năng", "cao", -6.14456f},
    {4, "nâng", "cao", "năng", "lần", -6.14456f},
    {4, "nâng", "cao", "năng", "tranh", -6.14456f},
    {4, "nâng", "cao", "năng", "</s>", -4.54566f},
    {4, "cạnh", "lần", "tranh", "năng", -2.950289f},
    {4, "cạnh", "lần", "tranh", "hoạch", -3.448344f},
    {4, "cạnh", "lần", "tranh", "cao", -3.448344f},
    {4, "cạnh", "lần", "tranh", "lần", -3.448344f},
    {4, "cạnh", "lần", "tranh", "tranh", -3.448344f},
    {4, "cạnh", "lần", "tranh", "</s>", -0.898145f},
    {4, "<s>", "<s>", "nâng", "năng", -5.435196f},
    {4, "<s>", "<s>", "nâng", "hoạch", -5.933251f},
    {4, "<s>", "<s>", "nâng", "cao", -0.061716f},
    {4, "<s>", "<s>", "nâng", "lần", -5.933251f},
    {4, "<s>", "<s>", "nâng", "tranh", -5.933251f},
    {4, "<s>", "<s>", "nâng", "</s>", -4.334351f},
    {4, "cao", "năng", "lực", "năng", -4.893426f},
    {4, "cao", "năng", "lực", "hoạch", -5.39148f},
    {4, "cao", "năng", "lực", "cao", -5.39148f},
    {4, "cao", "năng", "lực", "lần", -5.39148f},
    {4, "cao", "năng", "lực", "tranh", -5.39148f},
    {4, "cao", "năng", "lực", "</s>", -1.132613f},
  };
  NgramModel models[2] = {BuildSmall(testing::TempDir(), 3), BuildSmall(testing::TempDir(), 4)};
  for (const Golden& x : golden) {
    const NgramModel& m = models[x.order - 3];
    const WordId h[3] = {m.Id(x.h1), m.Id(x.h2), m.Id(x.h3)};
    EXPECT_NEAR(m.LogProb(h, 3, m.Id(x.w)), x.lp, 1e-5)
        << x.order << ": " << x.h1 << " " << x.h2 << " " << x.h3 << " → " << x.w;
  }
}

// Word ids round-trip through the vocabulary's own hash table.
TEST(NgramModelTest, VocabularyIds) {
  NgramModel m = BuildSmall(testing::TempDir());
  EXPECT_EQ(m.Id("<unk>"), kUnk);
  EXPECT_EQ(m.Id("<s>"), kBos);
  EXPECT_EQ(m.Id("</s>"), kEos);
  EXPECT_EQ(m.Id("không có"), kUnk);
  EXPECT_EQ(m.Id(""), kUnk);
  for (WordId w = 0; w < m.vocab_size(); ++w) EXPECT_EQ(m.Id(m.Word(w)), w) << m.Word(w);
  EXPECT_EQ(m.Word(m.Id("hoạch")), "hoạch");
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
  // An order the format does not have.
  std::string bad = good;
  bad.replace(8, 4, std::string("\x07\0\0\0", 4));
  testing::WriteFileOrDie(dir + "/order.lm", bad);
  EXPECT_EQ(NgramModel::Load(dir + "/order.lm").status().code(), StatusCode::kCorrupt);
  // Right size, but the unigrams' child ranges run backwards. The order-3
  // file ends with: unigram child[V + 1], bigrams (16 bytes each + 4),
  // trigrams (8 bytes each).
  uint32_t v;
  uint64_t c2, c3;
  std::memcpy(&v, good.data() + 12, 4);
  std::memcpy(&c2, good.data() + 16, 8);
  std::memcpy(&c3, good.data() + 24, 8);
  const size_t child_at = good.size() - (c2 * 16 + 4) - c3 * 8 - (size_t(v) + 1) * 4;
  bad = good;
  const uint32_t huge = 0xFFFFFF00u;
  std::memcpy(bad.data() + child_at + 4, &huge, 4);
  testing::WriteFileOrDie(dir + "/child.lm", bad);
  EXPECT_EQ(NgramModel::Load(dir + "/child.lm").status().code(), StatusCode::kCorrupt);
  // The untouched file still loads.
  EXPECT_TRUE(NgramModel::Load(dir + "/small.lm").ok());
}

}  // namespace
}  // namespace vanban::restore
