// Shared by the extract tests: text → Document → Extraction with the shipped rules.
#ifndef VANBAN_TESTS_EXTRACT_EXTRACT_FIXTURE_H_
#define VANBAN_TESTS_EXTRACT_EXTRACT_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "extract/extractor.h"
#include "input/text_reader.h"
#include "testing/paths.h"

namespace vanban::extract {

inline const Extractor& SharedExtractor() {
  static std::unique_ptr<Extractor> ex = [] {
    auto r = Extractor::Load(testing::SourcePath("rules"));
    if (!r.ok()) {
      ADD_FAILURE() << r.status().ToString();
      return std::unique_ptr<Extractor>();
    }
    return std::move(r).value();
  }();
  return *ex;
}

inline Extraction ExtractText(const std::string& text) {
  auto doc = input::ReadTextDocument(text);
  EXPECT_TRUE(doc.ok()) << doc.status().ToString();
  if (!doc.ok()) return {};
  return SharedExtractor().Extract(*doc);
}

}  // namespace vanban::extract

#endif  // VANBAN_TESTS_EXTRACT_EXTRACT_FIXTURE_H_
