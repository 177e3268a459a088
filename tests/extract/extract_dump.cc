// Prints what extraction finds in text files, for reviewing rules by eye:
//   extract_dump FILE...
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "extract/extractor.h"
#include "extract/rule_pack.h"
#include "input/text_reader.h"

int main(int argc, char** argv) {
  auto ex = vanban::extract::Extractor::Load(vanban::extract::DefaultRulesDir());
  if (!ex.ok()) {
    std::cerr << ex.status().ToString() << "\n";
    return 1;
  }
  for (int a = 1; a < argc; ++a) {
    std::ifstream in(argv[a], std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    auto doc = vanban::input::ReadTextDocument(ss.str());
    if (!doc.ok()) {
      std::cerr << argv[a] << ": " << doc.status().ToString() << "\n";
      continue;
    }
    vanban::Extraction e = (*ex)->Extract(*doc);
    std::cout << "== " << argv[a] << " (issued " << e.header.issued_date << ")\n";
    for (const auto& t : e.tasks) {
      std::cout << "-- [" << t.key << "] " << t.section << " | " << t.ordinal << " | p" << t.page << " | "
                << t.title << "\n";
      if (!t.detail.empty()) std::cout << "   detail: " << t.detail << "\n";
      if (!t.product.empty()) std::cout << "   product: " << t.product << "\n";
      for (const auto& u : t.units) std::cout << "   " << u.role << ": " << u.unit << " (" << u.as_written << ")\n";
      std::cout << "   deadline: \"" << t.deadline_text << "\" date=" << t.due_date << " rrule=" << t.recurrence
                << " offset=" << t.due_offset << " anchor=" << t.due_anchor << "\n";
    }
    for (const auto& i : e.indicators) {
      std::cout << "IND " << i.code << " | " << i.name << " | " << (i.year ? std::to_string(*i.year) : "-") << " | "
                << i.kind << " " << i.metric << " " << i.comparator << " " << i.value
                << (i.out_of ? "/" + std::to_string(*i.out_of) : "") << " | " << i.raw << "\n";
    }
    for (const auto& w : e.warnings) std::cout << "WARN " << w.code << ": " << w.message << "\n";
  }
  return 0;
}
