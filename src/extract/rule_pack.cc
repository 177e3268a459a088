#include "extract/rule_pack.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/utf8.h"

#ifndef VANBAN_DEFAULT_RULES_DIR
#define VANBAN_DEFAULT_RULES_DIR ""
#endif

namespace vanban::extract {

std::string RuleMatch::Get(const std::string& field) const {
  auto it = fields.find(field);
  return it == fields.end() ? std::string() : it->second;
}

Rule::Haystack Rule::Prepare(std::string_view text) const {
  Haystack hay;
  hay.text = text;
  if (folded_) {
    // The last text folded on this thread: comparing it costs far less than
    // folding again with ICU.
    thread_local std::shared_ptr<const Folded> last;
    if (!last || last->text != text) {
      auto f = std::make_shared<Folded>();
      f->text = std::string(text);
      f->folded = utf8::FoldWithOffsets(text, &f->offsets);
      last = std::move(f);
    }
    hay.folded = last;
  }
  return hay;
}

bool Rule::MatchAt(const Haystack& hay, size_t from, bool anchor_both, RuleMatch* match) const {
  // A folded rule searches the folded shadow and maps spans back.
  const std::string_view text = hay.text;
  static const std::vector<size_t> kNone;
  const std::vector<size_t>& offsets = folded_ ? hay.folded->offsets : kNone;
  std::string_view haystack = folded_ ? std::string_view(hay.folded->folded) : text;
  size_t start = from;
  if (folded_) {
    start = std::lower_bound(offsets.begin(), offsets.end() - 1, from) - offsets.begin();
  }
  const int groups = re_->NumberOfCapturingGroups();
  std::vector<re2::StringPiece> sub(groups + 1);
  if (!re_->Match(re2::StringPiece(haystack.data(), haystack.size()), start, haystack.size(),
                  anchor_both ? RE2::ANCHOR_BOTH : RE2::UNANCHORED, sub.data(), groups + 1)) {
    return false;
  }
  if (match) {
    auto span = [&](const re2::StringPiece& piece) {
      size_t b = piece.data() - haystack.data();
      size_t e = b + piece.size();
      if (folded_) {
        b = offsets[b];
        e = offsets[e];
      }
      return std::pair<size_t, size_t>(b, e);
    };
    auto [b, e] = span(sub[0]);
    match->begin = b;
    match->end = e;
    match->fields.clear();
    for (const auto& [name, index] : re_->NamedCapturingGroups()) {
      if (sub[index].data() == nullptr) continue;
      auto [fb, fe] = span(sub[index]);
      match->fields[name] = std::string(text.substr(fb, fe - fb));
    }
  }
  return true;
}

bool Rule::Find(std::string_view text, RuleMatch* match) const {
  return MatchAt(Prepare(text), 0, false, match);
}

bool Rule::FullMatch(std::string_view text, RuleMatch* match) const {
  return MatchAt(Prepare(text), 0, true, match);
}

std::vector<RuleMatch> Rule::FindAll(std::string_view text) const {
  std::vector<RuleMatch> out;
  size_t from = 0;
  RuleMatch m;
  const Haystack hay = Prepare(text);  // folded once for all the matches
  while (from <= text.size() && MatchAt(hay, from, false, &m)) {
    size_t next = m.end;
    if (m.end == m.begin) {  // an empty match: step over one UTF-8 character
      next = m.end + 1;
      while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
    }
    out.push_back(std::move(m));
    from = next;
  }
  return out;
}

RulePack::RulePack() = default;
RulePack::RulePack(RulePack&&) noexcept = default;
RulePack& RulePack::operator=(RulePack&&) noexcept = default;
RulePack::~RulePack() = default;

const Rule* RulePack::Find(std::string_view name) const {
  for (const Rule& r : rules_) {
    if (r.name() == name) return &r;
  }
  return nullptr;
}

Result<const Rule*> RulePack::Require(std::string_view name) const {
  const Rule* r = Find(name);
  if (!r) return NotFound(file_ + ": no rule named '" + std::string(name) + "'");
  return r;
}

std::string RulePack::Macro(std::string_view name) const {
  auto it = macros_.find(name);
  return it == macros_.end() ? std::string() : it->second;
}

std::vector<const Rule*> RulePack::Firing(std::string_view text) const {
  std::vector<const Rule*> out;
  if (!set_) return out;
  std::vector<int> hits;
  if (!set_->Match(re2::StringPiece(text.data(), text.size()), &hits)) return out;
  std::set<int> sorted(hits.begin(), hits.end());
  for (int i : sorted) out.push_back(&rules_[i]);
  return out;
}

Status RulePack::CheckExamples() const {
  for (const Rule& rule : rules_) {
    for (const RuleExample& ex : rule.examples()) {
      std::string where = rule.file() + ":" + std::to_string(ex.line) + ": rule " + rule.name() + ": ";
      RuleMatch m;
      bool found = rule.Find(ex.text, &m);
      if (!ex.must_match) {
        if (found) return InvalidArgument(where + "matches a never-line: \"" + ex.text + "\"");
        continue;
      }
      if (!found) return InvalidArgument(where + "example does not match: \"" + ex.text + "\"");
      for (const auto& [field, want] : ex.expect) {
        if (want.empty()) {
          if (m.Has(field) && !m.Get(field).empty()) {
            return InvalidArgument(where + "field " + field + " should be empty, got \"" + m.Get(field) +
                                   "\" in \"" + ex.text + "\"");
          }
        } else if (m.Get(field) != want) {
          return InvalidArgument(where + "field " + field + ": want \"" + want + "\", got \"" +
                                 m.Get(field) + "\" in \"" + ex.text + "\"");
        }
      }
    }
  }
  return Status::Ok();
}

// No pattern is this long: a longer expansion is a mistake in the pack.
constexpr size_t kMaxExpandedBytes = 1 << 20;

// Builds a RulePack from text, one line at a time.
class RulePackParser {
 public:
  RulePackParser(std::string file, std::string include_dir, int depth)
      : file_(std::move(file)), include_dir_(std::move(include_dir)), depth_(depth) {}

  Result<RulePack> Parse(std::string_view text) {
    RulePack pack;
    pack.file_ = file_;
    pack_ = &pack;
    int line_no = 0;
    for (std::string_view raw : utf8::Split(text, '\n')) {
      ++line_no;
      if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
      Status s = ParseLine(raw, line_no);
      if (!s.ok()) return s;
    }
    VANBAN_RETURN_IF_ERROR(Compile());
    return pack;
  }

 private:
  struct PendingRule {
    std::string name;
    std::string pattern;
    int line = 0;
    bool folded = false;
    std::vector<RuleExample> examples;
  };

  Status Error(int line, const std::string& message) const {
    return InvalidArgument(file_ + ":" + std::to_string(line) + ": " + message);
  }

  Status ParseLine(std::string_view raw, int line_no) {
    std::string_view line = utf8::Trim(raw);
    if (line.empty() || line[0] == '#') return Status::Ok();
    const bool indented = raw[0] == ' ' || raw[0] == '\t';

    if (line[0] == '@') {
      const std::string_view kw = "@include";
      if (!utf8::StartsWith(line, kw)) return Error(line_no, "unknown directive: " + std::string(line));
      return Include(std::string(utf8::Trim(line.substr(kw.size()))), line_no);
    }
    if (line[0] == '[') {
      if (line.back() != ']') return Error(line_no, "section header without ']'");
      std::string_view inner = utf8::Trim(line.substr(1, line.size() - 2));
      if (inner == "define") {
        section_ = Section::kDefine;
        return Status::Ok();
      }
      if (utf8::StartsWith(inner, "rule ")) {
        std::string name(utf8::Trim(inner.substr(5)));
        if (name.empty()) return Error(line_no, "rule without a name");
        for (const auto& r : rules_) {
          if (r.name == name) return Error(line_no, "rule " + name + " defined twice (first at line " +
                                                        std::to_string(r.line) + ")");
        }
        rules_.push_back(PendingRule{name, "", line_no, false, {}});
        section_ = Section::kRule;
        return Status::Ok();
      }
      return Error(line_no, "unknown section [" + std::string(inner) + "]");
    }

    size_t eq = line.find('=');
    if (eq == std::string_view::npos) return Error(line_no, "expected 'key = value'");
    bool append = eq > 0 && line[eq - 1] == '+';
    std::string key(utf8::Trim(line.substr(0, append ? eq - 1 : eq)));
    std::string_view value = line.substr(eq + 1);
    if (!value.empty() && value[0] == ' ') value.remove_prefix(1);
    value = utf8::Trim(value);

    if (section_ == Section::kNone) return Error(line_no, "'" + key + "' outside any section");
    if (section_ == Section::kDefine) {
      if (!IsMacroName(key)) return Error(line_no, "macro names are UPPER_CASE: " + key);
      if (append) {
        pack_->macros_[key] += std::string(value);
      } else {
        pack_->macros_[key] = std::string(value);
      }
      return Status::Ok();
    }

    PendingRule& rule = rules_.back();
    if (indented && key != "pattern" && key != "example" && key != "never" && key != "text") {
      if (rule.examples.empty() || !rule.examples.back().must_match) {
        return Error(line_no, "expected capture '" + key + "' belongs under an example");
      }
      rule.examples.back().expect[key] = std::string(value);
      return Status::Ok();
    }
    if (key == "pattern") {
      if (append) {
        rule.pattern += std::string(value);
      } else {
        if (!rule.pattern.empty()) return Error(line_no, "second 'pattern =' (use 'pattern +=')");
        rule.pattern = std::string(value);
      }
    } else if (key == "text") {
      if (value != "folded" && value != "original") {
        return Error(line_no, "text = folded | original, not '" + std::string(value) + "'");
      }
      rule.folded = value == "folded";
    } else if (key == "example" || key == "never") {
      rule.examples.push_back(RuleExample{std::string(value), key == "example", {}, line_no});
    } else {
      return Error(line_no, "unknown key '" + key + "' in rule " + rule.name);
    }
    return Status::Ok();
  }

  static bool IsMacroName(std::string_view s) {
    if (s.empty() || !(s[0] >= 'A' && s[0] <= 'Z')) return false;
    for (char c : s) {
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
    }
    return true;
  }

  Status Include(const std::string& relative, int line_no) {
    if (depth_ > 8) return Error(line_no, "@include nested too deeply");
    std::filesystem::path path = std::filesystem::path(include_dir_) / relative;
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error(line_no, "cannot read included pack " + path.string());
    std::stringstream ss;
    ss << in.rdbuf();
    RulePackParser sub(path.string(), path.parent_path().string(), depth_ + 1);
    Result<RulePack> included = sub.Parse(ss.str());
    if (!included.ok()) return included.status();
    for (const auto& [k, v] : included->macros_) pack_->macros_[k] = v;
    return Status::Ok();
  }

  // Replaces {NAME} by the macro's value, recursively.
  Result<std::string> Expand(const std::string& in, int line_no, int depth) const {
    if (depth > 16) return Error(line_no, "macros expand too deeply (a cycle?)");
    std::string out;
    for (size_t i = 0; i < in.size(); ++i) {
      if (in[i] == '\\' && i + 1 < in.size()) {  // keep escapes as they are
        out += in[i];
        out += in[++i];
        // \p{Lu}, \P{L}: the braces name a Unicode class, not a macro.
        if ((in[i] == 'p' || in[i] == 'P') && i + 1 < in.size() && in[i + 1] == '{') {
          size_t close = in.find('}', i);
          if (close != std::string::npos) {
            out.append(in, i + 1, close - i);
            i = close;
          }
        }
        continue;
      }
      if (in[i] == '{') {
        size_t close = in.find('}', i);
        if (close != std::string::npos && IsMacroName(std::string_view(in).substr(i + 1, close - i - 1))) {
          std::string name = in.substr(i + 1, close - i - 1);
          auto it = pack_->macros_.find(name);
          if (it == pack_->macros_.end()) return Error(line_no, "undefined macro {" + name + "}");
          Result<std::string> sub = Expand(it->second, line_no, depth + 1);
          if (!sub.ok()) return sub.status();
          out += *sub;
          // Macros that use macros several times each grow exponentially
          // ({A} = {B}{B}{B}…): stop long before memory runs out.
          if (out.size() > kMaxExpandedBytes) {
            return Error(line_no, "macro {" + name + "} expands to more than 1 MiB (macros nested in a loop?)");
          }
          i = close;
          continue;
        }
      }
      out += in[i];
    }
    return out;
  }

  Status Compile() {
    for (auto& [name, value] : pack_->macros_) {
      (void)name;
      Result<std::string> expanded = Expand(value, 0, 0);
      if (!expanded.ok()) return expanded.status();
      value = *expanded;
    }
    RE2::Options options;
    options.set_log_errors(false);
    options.set_encoding(RE2::Options::EncodingUTF8);
    auto set = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
    for (PendingRule& p : rules_) {
      if (p.pattern.empty()) return Error(p.line, "rule " + p.name + " has no pattern");
      Result<std::string> expanded = Expand(p.pattern, p.line, 0);
      if (!expanded.ok()) return expanded.status();
      auto re = std::make_shared<RE2>(*expanded, options);
      if (!re->ok()) return Error(p.line, "rule " + p.name + ": " + re->error());
      std::string set_error;
      if (set->Add(*expanded, &set_error) < 0) return Error(p.line, "rule " + p.name + ": " + set_error);
      Rule rule;
      rule.name_ = p.name;
      rule.pattern_ = *expanded;
      rule.file_ = file_;
      rule.line_ = p.line;
      rule.folded_ = p.folded;
      rule.re_ = std::move(re);
      rule.examples_ = std::move(p.examples);
      pack_->rules_.push_back(std::move(rule));
    }
    if (!pack_->rules_.empty()) {
      if (!set->Compile()) return Error(0, "the pack's rules are too large to match together");
      pack_->set_ = std::move(set);
    }
    return Status::Ok();
  }

  enum class Section { kNone, kDefine, kRule };
  std::string file_, include_dir_;
  int depth_;
  RulePack* pack_ = nullptr;
  Section section_ = Section::kNone;
  std::vector<PendingRule> rules_;
};

Result<RulePack> RulePack::Parse(std::string_view text, const std::string& file,
                                 const std::string& include_dir) {
  RulePackParser parser(file, include_dir, 0);
  return parser.Parse(text);
}

Result<RulePack> RulePack::LoadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot read rule pack " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return Parse(ss.str(), path, std::filesystem::path(path).parent_path().string());
}

std::string DefaultRulesDir() {
  if (const char* env = std::getenv("VANBAN_RULES_DIR"); env && *env) return env;
  std::error_code ec;
  if (std::string built = VANBAN_DEFAULT_RULES_DIR; !built.empty() && std::filesystem::is_directory(built, ec)) {
    return built;
  }
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    std::filesystem::path share = exe.parent_path().parent_path() / "share" / "vanban" / "rules";
    if (std::filesystem::is_directory(share, ec)) return share.string();
  }
  return "rules";
}

}  // namespace vanban::extract
