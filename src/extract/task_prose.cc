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
  if (s[0] >= '0' && s[0] <= '9') return true;
  std::string_view ch = utf8::FirstChar(s);
  return utf8::Upper(ch) != ch;
}

struct Paragraph {
  std::string text;
  int page = 1;
  long position = 0;  // (page, block, line) in reading order
};

}  // namespace

std::vector<Task> TaskExtractor::FromProse(const Document& doc, int doc_year,
                                           std::vector<long>* positions) const {
  // Logical paragraphs: an item ("1.", "- ", "III.") starts one; a line that
  // continues a sentence (even across a blank line or a page) joins it.
  std::vector<Paragraph> paras;
  auto starts_item = [&](const std::string& line) {
    return Matches("numbered_item", line) || Matches("lettered_item", line) || Matches("bullet", line) ||
           Matches("article", line) ||
           Matches("roman_heading", line) || Matches("section_end", line) ||
           Matches("implementation_heading", line);
  };
  bool block_start = true;
  for (const Page& page : doc.pages) {
    long block_index = 0;
    for (const Block& block : page.blocks) {
      ++block_index;
      long line_index = 0;
      if (block.kind != Block::Kind::kParagraph) {
        // "Kính gửi:" beside nothing in a two-column zone (a PDF's layout):
        // its list goes on in the paragraphs below the table.
        for (const auto& row : block.table.rows) {
          if (!row.empty() && Matches("recipients_start", row[0].Text())) {
            paras.push_back(Paragraph{"Kính gửi:", page.number,
                                      (static_cast<long>(page.number) * 10000 + block_index) * 10000});
          }
        }
        block_start = true;
        continue;
      }
      block_start = true;
      for (const Line& line : block.lines) {
        ++line_index;
        std::string text = utf8::CollapseSpace(StripMarkdown(line.text));
        if (text.empty()) continue;
        // A colon ends a sentence only before an item or a capital; "…;
        // thời gian:" + "thường xuyên." is one sentence wrapped by the page.
        // Likewise ';': "…; hoàn thành trước ngày 31/12/2025." wrapped by a
        // PDF's line is the same item.
        const char last = paras.empty() || paras.back().text.empty() ? '\0' : paras.back().text.back();
        const bool wrapped = (last == ':' && StartsLowerOrDigit(text)) ||
                                (last == ';' && StartsLowerOrDigit(text) && !(text[0] >= '0' && text[0] <= '9'));
        const bool join = !paras.empty() && !starts_item(text) &&
                          (!EndsSentence(paras.back().text) || wrapped) &&
                          (!block_start || StartsLowerOrDigit(text));
        if (join) {
          paras.back().text += " " + text;
        } else {
          paras.push_back(
              Paragraph{text, page.number, (static_cast<long>(page.number) * 10000 + block_index) * 10000 + line_index});
        }
        block_start = false;
      }
    }
  }

  std::vector<Task> tasks;
  std::vector<long> where;
  std::string section;         // the Roman heading the text is under
  bool section_excluded = false;   // "Kiến nghị", "Kết quả thực hiện": no tasks there
  bool implementation = false;     // "Tổ chức thực hiện": plain paragraphs may be tasks
  std::vector<UnitMention> heading_units;
  std::string heading_label;
  int heading_level = 0;  // 1 for "Điều 2. Giao Unit:", 2 for "2. Unit:", 3 for "a) Unit:"
  int sub = 0;

  auto add_units = [](Task* t, const std::vector<UnitMention>& units, const char* role) {
    for (const UnitMention& u : units) {
      bool dup = false;
      for (const TaskUnit& x : t->units) dup = dup || (x.unit == u.canonical && x.role == role);
      if (!dup) t->units.push_back(TaskUnit{u.canonical, u.as_written, role});
    }
  };

  // Finds who does the task in a sentence. Returns 0 when nobody is named,
  // 1 when a lead is, 2 when the sentence only names whom "phối hợp với"
  // goes to (that unit leads; the subject or heading unit supports).
  auto analyse = [&](const std::string& body, Task* task, bool item) {
    RuleMatch m;
    size_t consumed = 0;
    int found = 0;
    if (Matches("assign_cue", body, &m)) {
      size_t at = body.find(m.Get("cue")) + m.Get("cue").size();
      std::string rest(utf8::Trim(std::string_view(body).substr(at)));
      std::vector<UnitMention> units = units_.ParsePrefix(rest, &consumed);
      if (units_.Plausible(units)) {
        add_units(task, units, "lead");
        found = 1;
      }
    }
    for (const char* cue : {"lead_cue", "responsible_cue"}) {
      if (found || !pack_.Find(cue)->Find(body, &m) || m.begin > 200) continue;
      std::vector<UnitMention> units = units_.ParseList(std::string_view(body).substr(0, m.begin));
      if (!units_.Plausible(units)) continue;
      add_units(task, units, "lead");
      found = 1;
    }
    RuleMatch sm;
    const bool has_support = pack_.Find("support_cue")->Find(body, &sm);
    if (!found && has_support && !Matches("lead_cue", body)) {
      // "X phối hợp với Y …" / "Phối hợp với Y …": Y leads.
      std::string_view subject = utf8::Trim(std::string_view(body).substr(0, sm.begin));
      std::string sf = utf8::Fold(subject);
      while (!sf.empty() && (sf.back() == ' ')) sf.pop_back();
      std::vector<UnitMention> subj;
      if (sf.size() >= 8 && sf.compare(sf.size() - 8, 8, "phoi hop") == 0) {
        subject = utf8::Trim(subject.substr(0, subject.size() - std::string_view("phối hợp").size()));
      }
      std::string sfold = utf8::Fold(subject);
      if (!subject.empty() && sfold != "phoi hop") subj = units_.ParseList(subject);
      if (subject.empty() || sfold == "phoi hop" || units_.Plausible(subj)) {
        std::vector<UnitMention> lead = units_.ParsePrefix(std::string_view(body).substr(sm.end), &consumed);
        if (units_.Plausible(lead)) {
          add_units(task, lead, "lead");
          add_units(task, subj, "support");
          return 2;
        }
      }
    }
    if (!found) {
      // A sentence that opens with units: known ones anywhere, unknown ones
      // (plausible names) at the head of a numbered or lettered item.
      std::vector<UnitMention> units = units_.ParsePrefix(body, &consumed);
      bool known = false;
      for (const UnitMention& u : units) known = known || u.known;
      if (known && !units_.Plausible(units)) {
        // Known units beside a name OCR or restoration garbled ("Chánh Văn
        // phòng, Trường, phụ các phòng …"): the known ones still lead.
        std::erase_if(units, [&](const UnitMention& u) { return !u.known && !units_.Plausible({u}); });
      }
      if ((known && units_.Plausible(units)) || (item && units_.Plausible(units))) {
        add_units(task, units, "lead");
        found = 1;
      }
    }
    for (const RuleMatch& s2 : pack_.Find("support_cue")->FindAll(body)) {
      add_units(task, units_.ParsePrefix(std::string_view(body).substr(s2.end), &consumed), "support");
    }
    return found;
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
  // "Sở Tài chính: bố trí kinh phí …": the units before the colon lead.
  auto unit_colon = [&](const std::string& body, std::vector<UnitMention>* units, std::string* rest) {
    size_t colon = body.find(':');
    if (colon == std::string::npos || colon > 200 || colon + 1 >= body.size()) return false;
    size_t start = 0;
    RuleMatch cue;
    if (Matches("assign_cue", body, &cue)) {  // "Đề nghị Tòa án nhân dân tỉnh: …"
      start = body.find(cue.Get("cue")) + cue.Get("cue").size();
      if (start >= colon) return false;
    }
    *units = units_.ParseList(std::string_view(body).substr(start, colon - start));
    if (!units_.Plausible(*units)) return false;
    *rest = std::string(utf8::Trim(std::string_view(body).substr(colon + 1)));
    return !rest->empty();
  };

  bool recipients = false;  // inside "Kính gửi: - A; - B."
  bool ended = false;       // past Nơi nhận / the signer, until an attached document
  for (const Paragraph& p : paras) {
    if (Matches("document_end", p.text)) ended = true;
    if (ended) {
      if (!Matches("attached_document", p.text)) continue;
      ended = false;  // "(Ban hành kèm theo Quyết định …)": the plan's own text follows
      section.clear();
      section_excluded = false;
      implementation = false;
      heading_units.clear();
      heading_level = 0;
      continue;
    }
    RuleMatch m;
    if (Matches("recipients_start", p.text)) {
      recipients = true;
      continue;
    }
    if (recipients && Matches("bullet", p.text)) continue;
    recipients = false;
    if (Matches("roman_heading", p.text, &m)) {
      section = p.text;
      section_excluded = Matches("no_task_section", m.Get("body"));
      implementation = Matches("implementation_heading", p.text);
      heading_units.clear();
      heading_level = 0;
      continue;
    }
    if (section_excluded) continue;
    if (Matches("not_a_task", p.text)) {
      heading_units.clear();
      heading_level = 0;
      continue;
    }
    std::string label, body;
    int level = 0;  // 0 plain, 1 article, 2 numbered, 3 lettered, 4 bullet
    if (Matches("article", p.text, &m)) {
      level = 1;
      label = "Điều " + m.Get("num");
      body = std::string(utf8::Trim(m.Get("body")));
    } else if (Matches("numbered_item", p.text, &m)) {
      level = 2;
      label = m.Get("num");
      body = std::string(utf8::Trim(m.Get("body")));
    } else if (Matches("lettered_item", p.text, &m)) {
      level = 3;
      label = m.Get("label");
      body = std::string(utf8::Trim(m.Get("body")));
    } else if (Matches("bullet", p.text, &m)) {
      level = 4;
      body = std::string(utf8::Trim(m.Get("body")));
      RuleMatch n;
      if (Matches("numbered_item", body, &n)) {  // "—3. Các phòng …": a scan's stray mark
        level = 2;
        label = n.Get("num");
        body = std::string(utf8::Trim(n.Get("body")));
      }
    } else {
      body = p.text;
    }
    if (level == 1) {
      section = label;  // the items of an article are under it
      heading_units.clear();
      heading_level = 0;
    }
    if (level > 0 && level <= heading_level) {
      heading_units.clear();  // a new item at the heading's level ends its scope
      heading_level = 0;
    }
    bool intro = !body.empty() && body.back() == ':';
    std::vector<UnitMention> units;
    bool unit_heading = false;
    if (!intro && level > 0 && level < 4 && utf8::Graphemes(body) < 120 && body.find(':') == std::string::npos) {
      // "1. Văn phòng HĐND và UBND phường" with no colon: an item that is
      // nothing but units heads the bullets below it.
      std::string_view name = utf8::Trim(body);
      while (!name.empty() && (name.back() == '.' || name.back() == ';')) name.remove_suffix(1);
      unit_heading = intro = units_.IsUnitList(name, &units);
      if (intro) body = std::string(name) + ":";
    }
    if (intro && !unit_heading && level > 0 && level < 4 && utf8::Graphemes(body) < 200) {
      size_t start = 0;
      RuleMatch cue;
      if (Matches("assign_cue", body, &cue)) start = body.find(cue.Get("cue")) + cue.Get("cue").size();
      unit_heading = units_.IsUnitList(std::string_view(body).substr(start, body.size() - 1 - start), &units);
    }
    if (unit_heading) {  // a unit heading over its tasks
      heading_units = std::move(units);
      heading_level = level;
      heading_label = label;
      sub = 0;
      continue;
    }
    // "… thực hiện các nội dung sau:" introduces the items below it; a long
    // sentence that OCR ended with ':' instead of '.' and no item follows is
    // a task like any other.
    const size_t index = static_cast<size_t>(&p - paras.data());
    bool item_follows = false;
    if (index + 1 < paras.size()) {
      const std::string& next = paras[index + 1].text;
      RuleMatch b;
      item_follows = Matches("lettered_item", next) ||
                     (Matches("bullet", next, &b) && !Matches("numbered_item", std::string(utf8::Trim(b.Get("body")))));
    }
    if (intro && (item_follows || utf8::Graphemes(body) < 120)) continue;
    if (intro) body.back() = '.';
    std::string ordinal = !label.empty() ? label
                          : !heading_label.empty() && !heading_units.empty() ? heading_label + "." + std::to_string(++sub)
                                                                             : "";
    std::vector<UnitMention> colon_units;
    std::string rest;
    if (level > 0 && level < 4 && unit_colon(body, &colon_units, &rest)) {
      Task t = make(p, rest, ordinal);
      t.raw = p.text;
      add_units(&t, colon_units, "lead");
      size_t consumed = 0;
      for (const RuleMatch& s2 : pack_.Find("support_cue")->FindAll(rest)) {
        add_units(&t, units_.ParsePrefix(std::string_view(rest).substr(s2.end), &consumed), "support");
      }
      tasks.push_back(std::move(t));
    where.push_back(p.position);
      continue;
    }
    Task t = make(p, body, ordinal);
    const int who = analyse(body, &t, level > 0);
    const bool under_heading = !heading_units.empty() && (level == 0 || level > heading_level);
    if (who == 2) {
      if (t.units.size() == 1 || std::none_of(t.units.begin(), t.units.end(),
                                              [](const TaskUnit& u) { return u.role == "support"; })) {
        if (under_heading) add_units(&t, heading_units, "support");
      }
    } else if (who == 0) {
      if (!under_heading) continue;  // nobody is named: a goal, not a task
      add_units(&t, heading_units, "lead");
    } else if (level == 0 && !implementation && !under_heading && !Matches("assign_cue", body)) {
      continue;  // a plain paragraph outside the sections that assign work
    }
    tasks.push_back(std::move(t));
    where.push_back(p.position);
  }
  if (positions) *positions = where;
  return tasks;
}

}  // namespace vanban::extract
