// Measures extraction against the hand-made truth of corpus/truth/*.truth.json:
// header fields (strict, and after folding case and marks) and citations
// (precision and recall on number/symbol). Prints the figures for the tuning
// set, the held-out set (corpus/heldout.txt) and all documents; fails when the
// tuning set's fall below what the rules reach today.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <algorithm>
#include <set>

#include "core/utf8.h"
#include "pipeline/processor.h"
#include "testing/paths.h"

namespace vanban::pipeline {
namespace {

namespace fs = std::filesystem;

// Counts over a set of documents.
struct Counts {
  int fields = 0, strict = 0, folded = 0;
  int cited_true = 0, cited_found = 0, cited_right = 0;
  int docs = 0;
  int detail_fields = 0, detail_right = 0;
};

void Print(const std::string& source, const char* label, const Counts& c) {
  double precision = c.cited_found ? static_cast<double>(c.cited_right) / c.cited_found : 0;
  double recall = c.cited_true ? static_cast<double>(c.cited_right) / c.cited_true : 0;
  std::cout << "truth (" << source << ", " << label << "): " << c.docs << " documents; header fields " << c.strict
            << "/" << c.fields << " strict (" << static_cast<double>(c.strict) / std::max(1, c.fields) << "), "
            << c.folded << "/" << c.fields << " folded (" << static_cast<double>(c.folded) / std::max(1, c.fields)
            << "); citations precision " << precision << " recall " << recall << " (" << c.cited_right
            << " right of " << c.cited_found << " found, " << c.cited_true << " true); citation details "
            << c.detail_right << "/" << c.detail_fields << "\n";
}

std::string Field(const Header& h, const std::string& name) {
  if (name == "doc_type") return h.doc_type;
  if (name == "number") return h.number;
  if (name == "symbol") return h.symbol;
  if (name == "issuer") return h.issuer;
  if (name == "parent_issuer") return h.parent_issuer;
  if (name == "place") return h.place;
  if (name == "issued_date") return h.issued_date;
  if (name == "title") return h.title;
  if (name == "signer_name") return h.signer_name;
  if (name == "signer_title") return h.signer_title;
  if (name == "signer_authority") return h.signer_authority;
  return "?";
}

// Each annotated document is read as text (corpus/documents/NAME.txt) and,
// when it has been rendered, as a born-digital PDF (corpus/pdf/NAME.pdf).
void MeasureAgainstTruth(const std::string& source) {
  auto processor = Processor::Create(ProcessorOptions{testing::SourcePath("rules"), 1, {}});
  ASSERT_TRUE(processor.ok()) << processor.status().ToString();
  // corpus/heldout.txt names the documents written after the rules were tuned;
  // the floors hold on the others (the tuning set) only.
  const std::set<std::string> held_out = testing::HeldOutStems();
  Counts tuning, held;
  for (const auto& entry : fs::directory_iterator(testing::SourcePath("corpus/truth"))) {
    std::string name = entry.path().filename().string();
    if (name.size() < 11 || name.substr(name.size() - 11) != ".truth.json") continue;
    std::string stem = name.substr(0, name.size() - 11);
    std::string file = source == "text" ? testing::SourcePath("corpus/documents/" + stem + ".txt")
                                        : testing::SourcePath("corpus/pdf/" + stem + ".pdf");
    if (!fs::exists(file)) continue;
    std::string base = file;
    nlohmann::json truth = nlohmann::json::parse(testing::ReadFileOrDie(entry.path().string()));
    auto doc = (*processor)->ReadPath(file);
    ASSERT_TRUE(doc.ok()) << base << ": " << doc.status().ToString();
    auto ex = (*processor)->Extract(*doc);
    ASSERT_TRUE(ex.ok()) << base << ": " << ex.status().ToString();
    Counts& c = held_out.count(stem) ? held : tuning;
    int& fields = c.fields;
    int& strict = c.strict;
    int& folded = c.folded;
    int& detail_fields = c.detail_fields;
    int& detail_right = c.detail_right;
    ++c.docs;
    for (const auto& [key, value] : truth["header"].items()) {
      std::string want = value.is_null() ? "" : value.get<std::string>();
      std::string got = Field(ex->header, key);
      ++fields;
      strict += got == want;
      folded += utf8::Fold(got) == utf8::Fold(want);
      if (got != want) std::cout << "  " << name << " " << key << ": want \"" << want << "\" got \"" << got << "\"\n";
    }
    // Details of the citations found: type, date and issuer as annotated.
    for (const auto& want : truth["citations"]) {
      for (const auto& got : ex->citations) {
        if (got.number != want["number"].get<std::string>() || got.symbol != want["symbol"].get<std::string>()) continue;
        for (const char* key : {"doc_type", "issued_date", "issuer"}) {
          std::string w = want.contains(key) && !want[key].is_null() ? want[key].get<std::string>() : "";
          std::string g = key == std::string("doc_type") ? got.doc_type
                          : key == std::string("issued_date") ? got.issued_date : got.issuer;
          ++detail_fields;
          detail_right += g == w;
          if (g != w) std::cout << "  " << name << " citation " << got.number << "/" << got.symbol << " " << key
                                << ": want \"" << w << "\" got \"" << g << "\"\n";
        }
      }
    }
    std::set<std::string> want_c, got_c;
    for (const auto& c : truth["citations"]) want_c.insert(c["number"].get<std::string>() + "/" + c["symbol"].get<std::string>());
    for (const auto& c : ex->citations) got_c.insert(c.number + "/" + c.symbol);
    c.cited_true += static_cast<int>(want_c.size());
    c.cited_found += static_cast<int>(got_c.size());
    for (const auto& g : got_c) {
      if (want_c.count(g)) ++c.cited_right;
      else std::cout << "  " << name << " extra citation " << g << "\n";
    }
    for (const auto& w : want_c) {
      if (!got_c.count(w)) std::cout << "  " << name << " missed citation " << w << "\n";
    }
  }
  ASSERT_GE(tuning.docs, 6) << "corpus/documents has too few annotated documents";
  Counts all = tuning;
  for (int Counts::*m : {&Counts::fields, &Counts::strict, &Counts::folded, &Counts::cited_true, &Counts::cited_found,
                         &Counts::cited_right, &Counts::docs, &Counts::detail_fields, &Counts::detail_right}) {
    all.*m += held.*m;
  }
  Print(source, "tuning set", tuning);
  Print(source, "held-out set", held);
  Print(source, "all", all);
  // Floors on the tuning set only: the held-out set is measured, never tuned for.
  double strict_acc = static_cast<double>(tuning.strict) / tuning.fields;
  double precision = tuning.cited_found ? static_cast<double>(tuning.cited_right) / tuning.cited_found : 0;
  double recall = tuning.cited_true ? static_cast<double>(tuning.cited_right) / tuning.cited_true : 0;
  EXPECT_GE(strict_acc, 0.95);
  EXPECT_GE(precision, 0.95);
  EXPECT_GE(recall, 0.95);
  EXPECT_GE(static_cast<double>(tuning.detail_right) / std::max(1, tuning.detail_fields), 0.9);
}

TEST(TruthTest, TextFiles) { MeasureAgainstTruth("text"); }

TEST(TruthTest, BornDigitalPdfs) {
  if (!fs::exists(testing::SourcePath("corpus/pdf"))) GTEST_SKIP() << "corpus/pdf is absent";
  MeasureAgainstTruth("pdf");
}

}  // namespace
}  // namespace vanban::pipeline
