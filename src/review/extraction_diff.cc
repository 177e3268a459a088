#include "review/extraction_diff.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "core/utf8.h"

namespace vanban::review {

namespace {

// Token sets of each task's folded title + detail, and a weight per token:
// log(1 + N / df) over the N tasks of both lists, so that words every task
// shares ("thủ tục hành chính", "doanh nghiệp") count for less than the ones
// that tell tasks apart.
class Weigher {
 public:
  Weigher(const std::vector<Task>& a, const std::vector<Task>& b) {
    for (const Task& t : a) a_.push_back(Set(t));
    for (const Task& t : b) b_.push_back(Set(t));
    std::map<std::string, int> df;
    for (const auto* side : {&a_, &b_}) {
      for (const auto& set : *side) {
        for (const auto& tok : set) ++df[tok];
      }
    }
    const double n = static_cast<double>(a_.size() + b_.size());
    for (const auto& [tok, count] : df) weight_[tok] = std::log(1.0 + n / count);
  }
  double Similarity(size_t i, size_t j) const {
    const auto& x = a_[i];
    const auto& y = b_[j];
    if (x.empty() && y.empty()) return 1.0;
    double wx = 0, wy = 0, common = 0;
    for (const auto& t : x) {
      double w = weight_.at(t);
      wx += w;
      if (y.count(t)) common += w;
    }
    for (const auto& t : y) wy += weight_.at(t);
    return wx + wy > 0 ? 2 * common / (wx + wy) : 0.0;
  }

 private:
  static std::set<std::string> Set(const Task& t) {
    std::vector<std::string> v = FoldedTokens(t.title + " " + t.detail);
    return {v.begin(), v.end()};
  }
  std::vector<std::set<std::string>> a_, b_;
  std::map<std::string, double> weight_;
};

}  // namespace

double TaskSimilarity(const std::vector<Task>& old_tasks, const std::vector<Task>& new_tasks, size_t i, size_t j) {
  return Weigher(old_tasks, new_tasks).Similarity(i, j);
}

std::vector<TaskMatch> MatchTasks(const std::vector<Task>& old_tasks, const std::vector<Task>& new_tasks,
                                  double threshold) {
  std::vector<TaskMatch> out;
  const Weigher weigher(old_tasks, new_tasks);
  std::vector<bool> old_used(old_tasks.size()), new_used(new_tasks.size());
  // Pass 1: equal keys (unique on both sides).
  std::map<std::string, std::vector<size_t>> old_by_key, new_by_key;
  for (size_t i = 0; i < old_tasks.size(); ++i) {
    if (!old_tasks[i].key.empty()) old_by_key[old_tasks[i].key].push_back(i);
  }
  for (size_t j = 0; j < new_tasks.size(); ++j) {
    if (!new_tasks[j].key.empty()) new_by_key[new_tasks[j].key].push_back(j);
  }
  for (const auto& [key, olds] : old_by_key) {
    auto it = new_by_key.find(key);
    if (it == new_by_key.end() || olds.size() != 1 || it->second.size() != 1) continue;
    size_t i = olds[0], j = it->second[0];
    old_used[i] = new_used[j] = true;
    out.push_back({i, j, weigher.Similarity(i, j)});
  }
  // Pass 2: best-first by similarity.
  struct Candidate {
    double score;
    size_t distance, i, j;
  };
  std::vector<Candidate> candidates;
  for (size_t i = 0; i < old_tasks.size(); ++i) {
    if (old_used[i]) continue;
    for (size_t j = 0; j < new_tasks.size(); ++j) {
      if (new_used[j]) continue;
      double s = weigher.Similarity(i, j);
      if (s + 1e-12 < threshold) continue;
      candidates.push_back({s, i > j ? i - j : j - i, i, j});
    }
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& x, const Candidate& y) {
    if (x.score != y.score) return x.score > y.score;
    if (x.distance != y.distance) return x.distance < y.distance;
    if (x.i != y.i) return x.i < y.i;
    return x.j < y.j;
  });
  for (const Candidate& c : candidates) {
    if (old_used[c.i] || new_used[c.j]) continue;
    old_used[c.i] = new_used[c.j] = true;
    out.push_back({c.i, c.j, c.score});
  }
  std::sort(out.begin(), out.end(), [](const TaskMatch& x, const TaskMatch& y) { return x.new_index < y.new_index; });
  return out;
}

std::vector<std::string> UnitsOf(const Task& t, const std::string& role) {
  std::vector<std::string> out;
  for (const TaskUnit& u : t.units) {
    if (u.role == role) out.push_back(u.unit);
  }
  return out;
}

const std::vector<std::string>& ComparedTaskFields() {
  static const std::vector<std::string> fields = {
      "section", "ordinal", "title", "detail", "lead", "support", "product", "deadline_text",
      "due_date", "due_offset", "due_anchor", "recurrence"};
  return fields;
}

std::string TaskField(const Task& t, const std::string& field) {
  if (field == "key") return t.key;
  if (field == "section") return t.section;
  if (field == "ordinal") return t.ordinal;
  if (field == "title") return t.title;
  if (field == "detail") return t.detail;
  if (field == "product") return t.product;
  if (field == "deadline_text") return t.deadline_text;
  if (field == "due_date") return t.due_date;
  if (field == "due_offset") return t.due_offset;
  if (field == "due_anchor") return t.due_anchor;
  if (field == "recurrence") return t.recurrence;
  if (field == "raw") return t.raw;
  return "";
}

namespace {

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += sep;
    out += v[i];
  }
  return out;
}

std::vector<FieldChange> CompareTasks(const Task& a, const Task& b) {
  std::vector<FieldChange> out;
  for (const std::string& f : ComparedTaskFields()) {
    FieldChange c;
    c.field = f;
    if (f == "lead" || f == "support") {
      std::vector<std::string> ua = UnitsOf(a, f), ub = UnitsOf(b, f);
      if (ua == ub) continue;
      c.old_value = Join(ua, "; ");
      c.new_value = Join(ub, "; ");
      c.segments = ItemDiff(ua, ub);
    } else {
      c.old_value = utf8::CollapseSpace(TaskField(a, f));
      c.new_value = utf8::CollapseSpace(TaskField(b, f));
      if (c.old_value == c.new_value) continue;
      c.segments = WordDiff(c.old_value, c.new_value);
    }
    out.push_back(std::move(c));
  }
  return out;
}

bool SameIndicatorValue(const Indicator& a, const Indicator& b) {
  auto eq = [](double x, double y) { return std::fabs(x - y) < 1e-9; };
  if (a.comparator != b.comparator || !eq(a.value, b.value) || a.relative != b.relative) return false;
  if (a.out_of.has_value() != b.out_of.has_value()) return false;
  return !a.out_of || eq(*a.out_of, *b.out_of);
}

}  // namespace

std::string SectionLabel(const std::string& section) {
  // "III. HỖ TRỢ DOANH NGHIỆP" → "III"; "Điều 2" and "III.2" stay as they are.
  size_t end = 0;
  while (end < section.size() && (std::isdigit(static_cast<unsigned char>(section[end])) ||
                                  std::string_view("IVXLC.").find(section[end]) != std::string_view::npos)) {
    ++end;
  }
  if (end == 0 || end == section.size()) return section;
  if (section[end] != ' ' && section[end] != ')') return section;
  std::string label = section.substr(0, end);
  while (!label.empty() && label.back() == '.') label.pop_back();
  return label.empty() ? section : label;
}

std::string TaskLabel(const Task& t) {
  std::string section = SectionLabel(t.section);
  if (section.empty()) return t.ordinal;
  if (t.ordinal.empty()) return section;
  return section + "." + t.ordinal;
}

std::string IndicatorKey(const Indicator& i) {
  std::string name = i.code.empty() ? utf8::CollapseSpace(utf8::Fold(i.name)) : i.code;
  return name + "|" + (i.year ? std::to_string(*i.year) : std::string("-")) + "|" + i.kind + "|" + i.metric;
}

std::string FormatNumber(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

ExtractionDiff DiffExtractions(const Extraction& old_ex, const Extraction& new_ex, double threshold) {
  ExtractionDiff d;
  std::vector<TaskMatch> matches = MatchTasks(old_ex.tasks, new_ex.tasks, threshold);
  std::vector<bool> old_matched(old_ex.tasks.size()), new_matched(new_ex.tasks.size());
  for (const TaskMatch& m : matches) {
    old_matched[m.old_index] = new_matched[m.new_index] = true;
    TaskChange c{old_ex.tasks[m.old_index], new_ex.tasks[m.new_index], m.similarity, {}};
    c.changes = CompareTasks(c.old_task, c.new_task);
    (c.changes.empty() ? d.unchanged : d.changed).push_back(std::move(c));
  }
  for (size_t i = 0; i < old_ex.tasks.size(); ++i) {
    if (!old_matched[i]) d.removed.push_back(old_ex.tasks[i]);
  }
  for (size_t j = 0; j < new_ex.tasks.size(); ++j) {
    if (!new_matched[j]) d.added.push_back(new_ex.tasks[j]);
  }

  // Indicators: by key; duplicates of one key pair up in order.
  std::map<std::string, std::vector<size_t>> old_by_key;
  for (size_t i = 0; i < old_ex.indicators.size(); ++i) {
    old_by_key[IndicatorKey(old_ex.indicators[i])].push_back(i);
  }
  std::vector<bool> old_ind_used(old_ex.indicators.size());
  for (const Indicator& n : new_ex.indicators) {
    auto it = old_by_key.find(IndicatorKey(n));
    if (it == old_by_key.end() || it->second.empty()) {
      d.indicators_added.push_back({std::nullopt, n});
      continue;
    }
    size_t i = it->second.front();
    it->second.erase(it->second.begin());
    old_ind_used[i] = true;
    const Indicator& o = old_ex.indicators[i];
    if (SameIndicatorValue(o, n)) {
      ++d.indicators_unchanged;
    } else {
      d.indicators_changed.push_back({o, n});
    }
  }
  for (size_t i = 0; i < old_ex.indicators.size(); ++i) {
    if (!old_ind_used[i]) d.indicators_removed.push_back({old_ex.indicators[i], std::nullopt});
  }
  return d;
}

}  // namespace vanban::review
