#include "extract/checks.h"

#include <map>

#include "core/hash.h"
#include "core/utf8.h"

namespace vanban::extract {

namespace {

// Folded, letters and digits only, words separated by one space.
std::string Normalized(std::string_view s) {
  std::string f = utf8::Fold(s);
  std::string out;
  bool space = false;
  for (char c : f) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum) {
      if (space && !out.empty()) out += ' ';
      out += c;
      space = false;
    } else {
      space = true;
    }
  }
  return out;
}

std::string Label(const Task& t) {
  std::string code = SectionCode(t.section);
  std::string label;
  if (!code.empty() && code.size() <= 5) label = code + ".";
  label += t.ordinal.empty() ? "?" : t.ordinal;
  return label;
}

std::string Short(const std::string& s) {
  std::string one = utf8::CollapseSpace(s);
  if (utf8::Graphemes(one) <= 80) return one;
  // Cut at a character boundary near 80 characters.
  size_t bytes = 0, chars = 0;
  while (bytes < one.size() && chars < 77) {
    bytes += utf8::CharLength(static_cast<unsigned char>(one[bytes]));
    ++chars;
  }
  return one.substr(0, bytes) + "…";
}

int YearOf(const std::string& iso) {
  if (iso.size() < 4) return 0;
  int y = 0;
  for (int i = 0; i < 4; ++i) {
    if (iso[i] < '0' || iso[i] > '9') return 0;
    y = y * 10 + (iso[i] - '0');
  }
  return y;
}

}  // namespace

std::string SectionCode(const std::string& section) {
  std::string_view s = utf8::Trim(section);
  size_t i = 0;
  while (i < s.size() && (s[i] == 'I' || s[i] == 'V' || s[i] == 'X')) ++i;
  if (i > 0 && (i == s.size() || s[i] == '.' || s[i] == ' ' || s[i] == ')')) return std::string(s.substr(0, i));
  if (s.size() >= 1 && s[0] >= 'A' && s[0] <= 'H' && (s.size() == 1 || s[1] == '.' || s[1] == ')')) {
    return std::string(s.substr(0, 1));
  }
  return Normalized(s);
}

void AssignTaskKeys(std::vector<Task>* tasks) {
  std::map<std::string, int> seen;
  for (Task& t : *tasks) {
    std::string basis = SectionCode(t.section) + '\x1f' + t.ordinal + '\x1f' + Normalized(t.title);
    std::string key = "t1-" + Sha256Hex(basis).substr(0, 16);
    int n = ++seen[key];
    if (n > 1) key += "#" + std::to_string(n);
    t.key = key;
  }
}

void CheckTasks(const std::vector<Task>& tasks, int declared_total, const Header& header,
                std::vector<Warning>* warnings) {
  if (declared_total >= 0 && declared_total != static_cast<int>(tasks.size())) {
    warnings->push_back({"task-count-mismatch", "văn bản ghi tổng số " + std::to_string(declared_total) +
                                                    " nhiệm vụ, trích xuất được " +
                                                    std::to_string(tasks.size())});
  }
  std::map<std::string, size_t> first;
  for (size_t i = 0; i < tasks.size(); ++i) {
    const Task& t = tasks[i];
    std::string title = Normalized(t.title);
    if (title.empty()) continue;
    std::string basis = title + '\x1f' + Normalized(t.detail);
    auto [it, inserted] = first.emplace(basis, i);
    if (!inserted) {
      warnings->push_back({"duplicate-task", "nhiệm vụ " + Label(t) + " trùng với nhiệm vụ " +
                                                 Label(tasks[it->second]) + ": " + Short(t.title)});
    }
  }
  for (const Task& t : tasks) {
    bool lead = false;
    for (const TaskUnit& u : t.units) lead = lead || u.role == "lead";
    if (!lead) {
      warnings->push_back({"task-without-lead", "nhiệm vụ " + Label(t) + " không có đơn vị chủ trì: " +
                                                    Short(t.title.empty() ? t.detail : t.title)});
    }
  }
  const int issued = YearOf(header.issued_date);
  if (issued > 0) {
    int last = 0;
    std::string title = header.title;
    for (size_t i = 0; i + 4 <= title.size(); ++i) {
      if ((i > 0 && title[i - 1] >= '0' && title[i - 1] <= '9') ||
          (i + 4 < title.size() && title[i + 4] >= '0' && title[i + 4] <= '9')) {
        continue;
      }
      int y = YearOf(title.substr(i, 4));
      if (y >= 1990 && y <= 2100 && y > last) last = y;
    }
    const int hi = last >= issued ? last : issued + 1;
    for (const Task& t : tasks) {
      int y = YearOf(t.due_date);
      if (y == 0) continue;
      if (y < issued || y > hi) {
        warnings->push_back({"date-out-of-range", "nhiệm vụ " + Label(t) + ": hạn " + t.due_date +
                                                      " nằm ngoài các năm " + std::to_string(issued) + "–" +
                                                      std::to_string(hi) + " của văn bản (\"" +
                                                      t.deadline_text + "\")"});
      }
    }
  }
}

}  // namespace vanban::extract
