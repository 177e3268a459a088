#include "extract/doc_types.h"

#include <fstream>

#include "core/utf8.h"

namespace vanban::extract {

Result<DocTypes> DocTypes::Load(const std::string& rules_dir) {
  const std::string path = rules_dir + "/doc_types.tsv";
  std::ifstream in(path);
  if (!in) return NotFound("cannot read " + path);
  DocTypes types;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    std::string_view t = utf8::Trim(line);
    if (t.empty() || t[0] == '#') continue;
    auto parts = utf8::Split(t, '\t');
    if (parts.size() != 2) return InvalidArgument(path + ":" + std::to_string(line_no) + ": expected 'ABBR<TAB>name'");
    types.entries_.push_back(Entry{std::string(parts[0]), std::string(parts[1]), utf8::Fold(parts[1])});
  }
  return types;
}

std::string DocTypes::NameForAbbreviation(std::string_view abbr) const {
  for (const Entry& e : entries_) {
    if (e.abbr == abbr) return e.name;
  }
  return "";
}

std::string DocTypes::NameForHeading(std::string_view line) const {
  std::string folded = utf8::CollapseSpace(utf8::Fold(line));
  while (!folded.empty() && (folded.back() == ':' || folded.back() == '.')) folded.pop_back();
  for (const Entry& e : entries_) {
    if (folded == e.folded) return e.name;
  }
  return "";
}

std::string DocTypes::NameForHeadingPrefix(std::string_view line, std::string* rest) const {
  std::string collapsed = utf8::CollapseSpace(line);
  std::vector<size_t> offsets;
  std::string folded = utf8::FoldWithOffsets(collapsed, &offsets);
  const Entry* best = nullptr;
  for (const Entry& e : entries_) {
    if (folded.size() > e.folded.size() && folded.compare(0, e.folded.size(), e.folded) == 0 &&
        folded[e.folded.size()] == ' ' && (!best || e.folded.size() > best->folded.size())) {
      best = &e;
    }
  }
  if (!best) return "";
  *rest = std::string(utf8::Trim(std::string_view(collapsed).substr(offsets[best->folded.size()])));
  return best->name;
}

}  // namespace vanban::extract
