// Tasks from the prose of a "Tổ chức thực hiện" section (see task_extractor.h).
#include <algorithm>

#include "core/utf8.h"
#include "extract/task_extractor.h"

namespace vanban::extract {

namespace {

std::string StripMarkdown(std::string s) {
  size_t pos;
  while ((pos = s.find("**")) != std::string::npos) s.erase(pos, 2);
  return s;
}

bool EndsSentence(std::string_view s) {
  s = utf8::Trim(s);
  if (s.empty()) return true;
  char c = s.back();
  return c == '.' || c == ';' || c == ':' || c == '!' || c == '?';
}

bool StartsLowerOrDigit(std::string_view s) {
  s = utf8::Trim(s);
  if (s.empty()) return false;
  unsigned char c = static_cast<unsigned char>(s[0]);
  if (c >= '0' && c <= '9') return true;
  size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  std::string_view ch = s.substr(0, len);
  return utf8::Upper(ch) != ch;
}

struct Paragraph {
  std::string text;
  int page = 1;
};

}  // namespace

std::vector<Task> TaskExtractor::FromProse(const Document& doc, int doc_year,
                                           std::vector<Warning>* warnings) const {
  (void)warnings;
  // Logical paragraphs: an item ("1.", "- ", "III.") starts one; a line that
  // continues a sentence (even across a blank line or a page) joins it.
  std::vector<Paragraph> paras;
  auto starts_item = [&](const std::string& line) {
    return Matches("numbered_item", line) || Matches("bullet", line) || Matches("section_end", line) ||
           Matches("implementation_heading", line);
  };
  bool block_start = true;
  for (const Page& page : doc.pages) {
    for (const Block& block : page.blocks) {
      if (block.kind != Block::Kind::kParagraph) {
        block_start = true;
        continue;
      }
      block_start = true;
      for (const Line& line : block.lines) {
        std::string text = utf8::CollapseSpace(StripMarkdown(line.text));
        if (text.empty()) continue;
        const bool join = !paras.empty() && !starts_item(text) && !EndsSentence(paras.back().text) &&
                          (!block_start || StartsLowerOrDigit(text));
        if (join) {
          paras.back().text += " " + text;
        } else {
          paras.push_back(Paragraph{text, page.number});
        }
        block_start = false;
      }
    }
  }

  std::vector<Task> tasks;
  size_t i = 0;
  while (i < paras.size() && !Matches("implementation_heading", paras[i].text)) ++i;
  if (i == paras.size()) return tasks;
  const std::string section = paras[i].text;
  ++i;

  std::vector<UnitMention> heading_units;
  std::string heading_num;
  int sub = 0, loose = 0;

  // Finds who does the task in a sentence; fills lead and support units.
  auto analyse = [&](const std::string& body, Task* task) {
    RuleMatch m;
    size_t consumed = 0;
    bool lead_found = false;
    if (Matches("assign_cue", body, &m)) {
      size_t at = body.find(m.Get("cue")) + m.Get("cue").size();
      std::string rest(utf8::Trim(std::string_view(body).substr(at)));
      std::vector<UnitMention> units = units_.ParsePrefix(rest, &consumed);
      if (UnitGazetteer::Plausible(units)) {
        for (const UnitMention& u : units) task->units.push_back(TaskUnit{u.canonical, u.as_written, "lead"});
        lead_found = true;
      }
    }
    for (const char* cue : {"lead_cue", "responsible_cue"}) {
      if (lead_found || !pack_.Find(cue)->Find(body, &m) || m.begin > 200) continue;
      std::vector<UnitMention> units = units_.ParseList(std::string_view(body).substr(0, m.begin));
      if (!UnitGazetteer::Plausible(units)) continue;
      for (const UnitMention& u : units) task->units.push_back(TaskUnit{u.canonical, u.as_written, "lead"});
      lead_found = true;
    }
    if (!lead_found) {
      std::vector<UnitMention> units = units_.ParsePrefix(body, &consumed);
      bool known = false;
      for (const UnitMention& u : units) known = known || u.known;
      if (known) {
        for (const UnitMention& u : units) task->units.push_back(TaskUnit{u.canonical, u.as_written, "lead"});
        lead_found = true;
      }
    }
    for (const RuleMatch& s : pack_.Find("support_cue")->FindAll(body)) {
      std::vector<UnitMention> units = units_.ParsePrefix(std::string_view(body).substr(s.end), &consumed);
      for (const UnitMention& u : units) {
        bool dup = false;
        for (const TaskUnit& t : task->units) dup = dup || (t.unit == u.canonical && t.role == "support");
        if (!dup) task->units.push_back(TaskUnit{u.canonical, u.as_written, "support"});
      }
    }
    return lead_found;
  };

  auto make = [&](const Paragraph& p, const std::string& body, const std::string& ordinal) {
    Task t;
    t.section = section;
    t.ordinal = ordinal;
    t.title = body;
    t.raw = p.text;
    t.page = p.page;
    t.confidence = 0.7;
    ApplyDeadline(body, doc_year, DeadlineParser::Context::kProse, &t);
    return t;
  };
  auto with_heading = [&](Task* t) {
    for (const UnitMention& u : heading_units) {
      bool dup = false;
      for (const TaskUnit& x : t->units) dup = dup || (x.unit == u.canonical && x.role == "lead");
      if (!dup) t->units.push_back(TaskUnit{u.canonical, u.as_written, "lead"});
    }
  };

  for (; i < paras.size(); ++i) {
    const Paragraph& p = paras[i];
    if (Matches("section_end", p.text)) break;
    if (Matches("not_a_task", p.text)) {
      heading_units.clear();
      heading_num.clear();
      continue;
    }
    RuleMatch m;
    if (Matches("numbered_item", p.text, &m)) {
      std::string body(utf8::Trim(m.Get("body")));
      std::string_view bare = utf8::Trim(body);
      if (!bare.empty() && bare.back() == ':' && utf8::Graphemes(bare) < 200) {
        std::vector<UnitMention> units = units_.ParseList(bare.substr(0, bare.size() - 1));
        if (UnitGazetteer::Plausible(units)) {  // a unit heading over its tasks
          heading_units = units;
          heading_num = m.Get("num");
          sub = 0;
          continue;
        }
      }
      heading_units.clear();
      heading_num.clear();
      Task t = make(p, body, m.Get("num"));
      analyse(body, &t);
      tasks.push_back(std::move(t));
      continue;
    }
    std::string body = p.text;
    const bool bullet = Matches("bullet", p.text, &m);
    if (bullet) body = std::string(utf8::Trim(m.Get("body")));
    if (!bullet && EndsSentence(body) && utf8::Trim(body).back() == ':') continue;  // an introduction
    if (!bullet && Matches("request_cue", body, &m)) {
      Task t = make(p, body, heading_num.empty() ? "" : heading_num + "." + std::to_string(++sub));
      size_t consumed = 0;
      std::string rest = m.Get("rest");
      for (const UnitMention& u : units_.ParsePrefix(rest, &consumed)) {
        t.units.push_back(TaskUnit{u.canonical, u.as_written, "lead"});
      }
      tasks.push_back(std::move(t));
      continue;
    }
    std::string ordinal = heading_num.empty() ? std::to_string(++loose) : heading_num + "." + std::to_string(++sub);
    Task t = make(p, body, ordinal);
    const bool explicit_lead = analyse(body, &t);
    if (!explicit_lead) {
      if (heading_units.empty()) {
        --loose;
        continue;  // a sentence with nobody to do it
      }
      with_heading(&t);
    }
    tasks.push_back(std::move(t));
  }
  return tasks;
}

}  // namespace vanban::extract
