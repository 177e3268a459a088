// vanban search QUERY... [--doc DOC] [--limit N] [--fts] [--json] [--color|--no-color]
//
// Full-text search over every stored page, ignoring case and marks: the query
// is folded like the index (`cai cach hanh chinh` finds `cải cách hành
// chính`). Each word must occur (FTS5 AND); --fts passes the folded query to
// FTS5 as written (phrases "…", OR, NEAR, prefix*). Results are ranked by
// bm25, best first; each shows its document, page and a snippet cut from the
// page's ORIGINAL text around the best match, the matched words highlighted.
#include <algorithm>
#include <iostream>
#include <set>

#include "cli/command.h"
#include "cli/common.h"
#include "cli/reviewed.h"
#include "cli/terminal.h"
#include "core/utf8.h"
#include "review/word_diff.h"
#include "store/json.h"

namespace vanban::cli {

namespace {

bool IsWordByte(char ch) {
  unsigned char c = static_cast<unsigned char>(ch);
  return std::isalnum(c) || c >= 0x80;
}

struct Span {
  size_t start, end;  // byte offsets
};

struct Snippet {
  std::string text;             // whitespace collapsed
  std::vector<Span> matches;    // within text
};

// Cuts a snippet of about `budget` folded bytes around the densest cluster of
// query tokens in the page, mapping folded offsets back to the original.
Snippet MakeSnippet(const std::string& original, const std::vector<std::string>& tokens, size_t budget) {
  std::vector<size_t> offs;
  std::string folded = utf8::FoldWithOffsets(original, &offs);
  struct Hit {
    size_t start, end;
    size_t token;
  };
  std::vector<Hit> hits;
  for (size_t k = 0; k < tokens.size(); ++k) {
    const std::string& t = tokens[k];
    if (t.empty()) continue;
    bool prefix = t.back() == '*';
    std::string needle = prefix ? t.substr(0, t.size() - 1) : t;
    if (needle.empty()) continue;
    for (size_t p = folded.find(needle); p != std::string::npos; p = folded.find(needle, p + 1)) {
      size_t e = p + needle.size();
      if (p > 0 && IsWordByte(folded[p - 1])) continue;
      if (prefix) {
        while (e < folded.size() && IsWordByte(folded[e])) ++e;
      } else if (e < folded.size() && IsWordByte(folded[e])) {
        continue;
      }
      hits.push_back({p, e, k});
    }
  }
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.start < b.start; });
  // The window [hit.start - lead, +budget) holding the most distinct tokens.
  size_t best_start = 0;
  size_t best_count = 0;
  for (size_t i = 0; i < hits.size(); ++i) {
    std::set<size_t> distinct;
    for (size_t j = i; j < hits.size() && hits[j].end <= hits[i].start + budget * 2 / 3; ++j) distinct.insert(hits[j].token);
    if (distinct.size() > best_count) {
      best_count = distinct.size();
      best_start = hits[i].start;
    }
  }
  size_t lead = budget / 3;
  size_t start = best_start > lead ? best_start - lead : 0;
  size_t end = std::min(folded.size(), start + budget);
  if (end == folded.size() && end > budget) start = std::min(start, end - budget);
  // Whole words at the edges.
  if (start > 0) {
    while (start < best_start && folded[start] != ' ' && folded[start] != '\n') ++start;
  }
  if (end < folded.size()) {
    size_t e = end;
    while (e > start && folded[e] != ' ' && folded[e] != '\n') --e;
    if (e > start) end = e;
  }
  Snippet s;
  size_t o_start = offs[start], o_end = offs[end];
  if (start > 0) s.text = "…";
  bool space = false;
  auto append = [&](std::string_view piece) {
    for (char c : piece) {
      if (c == '\n' || c == '\t' || c == '\f' || c == '\r' || c == ' ') {
        space = true;
        continue;
      }
      if (space && !s.text.empty() && s.text != "…") s.text += ' ';
      space = false;
      s.text += c;
    }
  };
  size_t cur = o_start;
  for (const Hit& h : hits) {
    if (h.start < start || h.end > end) continue;
    size_t hs = offs[h.start], he = offs[h.end];
    if (hs < cur) continue;  // overlapping hits
    append(std::string_view(original).substr(cur, hs - cur));
    if (space && !s.text.empty() && s.text != "…") s.text += ' ';
    space = false;
    size_t ms = s.text.size();
    append(std::string_view(original).substr(hs, he - hs));
    if (!s.matches.empty() && ms >= 1 && s.matches.back().end + 1 == ms && s.text[ms - 1] == ' ') {
      s.matches.back().end = s.text.size();  // "cải cách" is one highlight, not two
    } else {
      s.matches.push_back({ms, s.text.size()});
    }
    cur = he;
  }
  append(std::string_view(original).substr(cur, o_end - cur));
  if (end < folded.size()) s.text += "…";
  return s;
}

std::string Highlight(const Snippet& s, const Output& out) {
  std::string r;
  size_t cur = 0;
  for (const Span& m : s.matches) {
    r += s.text.substr(cur, m.start - cur);
    std::string word = s.text.substr(m.start, m.end - m.start);
    r += out.color() ? "\033[1;33m" + word + "\033[m" : "**" + word + "**";
    cur = m.end;
  }
  r += s.text.substr(cur);
  return r;
}

}  // namespace

int RunSearch(const std::vector<std::string>& argv) {
  Args args;
  std::vector<std::string> specs = {"--db=", "--doc=", "--limit=", "--fts", "--json"};
  for (const auto& s : TerminalOptionSpecs()) specs.push_back(s);
  Status parsed = args.Parse(argv, specs);
  if (!parsed.ok()) return UsageError("search: " + parsed.message());
  if (args.positional().empty()) return UsageError("search: give the words to look for");
  Result<int> limit = args.GetInt("--limit", 20);
  if (!limit.ok() || *limit == 0) return UsageError("search: --limit is a positive number");

  std::string query;
  for (const auto& p : args.positional()) query += (query.empty() ? "" : " ") + p;
  std::string folded_query = utf8::Fold(query);
  std::vector<std::string> tokens;
  std::string match;
  if (args.Has("--fts")) {
    match = folded_query;
    // Words of the expression, less the operators, for highlighting.
    std::string cur;
    for (char c : folded_query + " ") {
      if (IsWordByte(c) || c == '*') {
        cur += c;
      } else if (!cur.empty()) {
        if (cur != "or" && cur != "and" && cur != "not" && cur != "near") tokens.push_back(cur);
        cur.clear();
      }
    }
  } else {
    tokens = review::FoldedTokens(query);
    for (const auto& t : tokens) match += (match.empty() ? "\"" : " \"") + t + "\"";
  }
  if (match.empty() || tokens.empty()) return UsageError("search: the query has no words");

  auto db = OpenDatabase(args, true);
  if (!db.ok()) return Fail(db.status().message());
  std::optional<int64_t> only;
  if (args.Has("--doc")) {
    auto id = (*db)->Resolve(args.Get("--doc"));
    if (!id.ok()) return Fail(id.status().message());
    only = *id;
  }
  store::Statement s = (*db)->connection().Prepare(
      "SELECT f.document_id, f.page, bm25(document_fts) AS score, d.doc_type, d.number, d.symbol, d.issued_date, "
      "COALESCE(p.text, '') FROM document_fts f JOIN documents d ON d.id = f.document_id "
      "LEFT JOIN pages p ON p.document_id = f.document_id AND p.page = f.page "
      "WHERE document_fts MATCH ?1 AND (?2 IS NULL OR f.document_id = ?2) ORDER BY score, f.document_id, f.page "
      "LIMIT ?3");
  s.BindText(1, match);
  if (only) s.Bind(2, *only); else s.BindNull(2);
  s.Bind(3, static_cast<int64_t>(*limit));
  Output out(args);
  nlohmann::json results = nlohmann::json::array();
  int count = 0;
  const size_t budget = static_cast<size_t>(std::max(60, std::min(out.width() - 6, 200)));
  while (s.Step()) {
    ++count;
    Header h;
    h.doc_type = s.Text(3);
    h.number = s.Text(4);
    h.symbol = s.Text(5);
    h.issued_date = s.Text(6);
    Snippet snip = MakeSnippet(s.Text(7), tokens, budget);
    int64_t doc_id = s.Int64(0), page = s.Int64(1);
    if (args.Has("--json")) {
      nlohmann::json m = nlohmann::json::array();
      for (const Span& sp : snip.matches) m.push_back({{"start", sp.start}, {"end", sp.end}});
      results.push_back({{"document_id", doc_id}, {"doc_type", h.doc_type}, {"reference", Reference(h)},
                         {"issued_date", h.issued_date}, {"page", page}, {"score", s.Double(2)},
                         {"snippet", snip.text}, {"matches", m}});
      continue;
    }
    std::string ref = Reference(h);
    std::string title = "#" + std::to_string(doc_id) + (h.doc_type.empty() ? "" : " " + h.doc_type) +
                        (ref.empty() ? "" : " " + ref) + (h.issued_date.empty() ? "" : " (" + h.issued_date + ")");
    out.out() << out.Paint(title, "1") << "  page " << page << "\n    " << Highlight(snip, out) << "\n";
  }
  if (!s.status().ok()) {
    std::string msg = s.status().message();
    if (args.Has("--fts")) return UsageError("search: FTS5 rejected the query: " + msg);
    return Fail(msg);
  }
  if (args.Has("--json")) {
    out.out() << results.dump(2) << "\n";
  } else {
    out.out() << count << (count == 1 ? " page" : " pages") << " found\n";
  }
  out.Finish();
  return count > 0 ? kExitOk : kExitFailed;
}

}  // namespace vanban::cli
