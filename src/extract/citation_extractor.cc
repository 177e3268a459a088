#include "extract/citation_extractor.h"

#include <algorithm>

#include "core/utf8.h"
#include "extract/casing.h"
#include "extract/deadline_parser.h"

namespace vanban::extract {

namespace {


// The text of a paragraph: lines of one block joined, so that a citation
// broken across lines is read whole.
bool EndsWithBrokenSymbol(const std::string& s) {
  return s.size() >= 2 && (s.back() == '-' || s.back() == '/') && s[s.size() - 2] != ' ';
}

std::vector<std::string> Paragraphs(const std::vector<TextLine>& lines) {
  std::vector<std::string> out;
  std::string current;
  for (const TextLine& l : lines) {
    // "145/KH-" + "UBND": a symbol broken at the end of a line joins without a space.
    if (!l.text.empty() && EndsWithBrokenSymbol(current)) {
      current += l.text;
      continue;
    }
    if (l.text.empty() || l.from_table) {
      if (!current.empty()) out.push_back(current);
      current.clear();
      if (l.from_table && !l.text.empty()) {
        if (EndsWithBrokenSymbol(l.text)) {
          current = l.text;  // may continue on the next line of its cell
        } else {
          out.push_back(l.text);
        }
      }
      continue;
    }
    if (!current.empty()) current += ' ';
    current += l.text;
  }
  if (!current.empty()) out.push_back(current);
  return out;
}

size_t Fullness(const Citation& c) {
  return !c.doc_type.empty() + !c.issued_date.empty() + !c.issuer.empty();
}

}  // namespace

Result<CitationExtractor> CitationExtractor::Load(const std::string& rules_dir, const DocTypes* types) {
  Result<RulePack> pack = RulePack::LoadFile(rules_dir + "/citations.rules");
  if (!pack.ok()) return pack.status();
  for (const char* name : {"docno", "type_before", "type_of_list", "date_after", "issuer_after", "issued_before",
                           "law_before", "law_symbol"}) {
    Result<const Rule*> r = pack->Require(name);
    if (!r.ok()) return r.status();
  }
  return CitationExtractor(std::move(pack).value(), types);
}

std::vector<Citation> CitationExtractor::Extract(const std::vector<TextLine>& lines, const Header& own) const {
  std::vector<Citation> out;
  const Rule* docno = pack_.Find("docno");
  const Rule* type_before = pack_.Find("type_before");
  const Rule* type_of_list = pack_.Find("type_of_list");
  const Rule* date_after = pack_.Find("date_after");
  const Rule* issuer_after = pack_.Find("issuer_after");
  const Rule* issued_before = pack_.Find("issued_before");
  const Rule* law_before = pack_.Find("law_before");
  const Rule* law_symbol = pack_.Find("law_symbol");

  for (const std::string& para : Paragraphs(lines)) {
    // A line "Số: 12/KH-UBND" is the document's own number.
    std::string folded_start = utf8::Fold(para.substr(0, 8));
    if (utf8::StartsWith(folded_start, "so:") || utf8::StartsWith(folded_start, "so :")) continue;
    std::string list_type, list_issuer;
    size_t previous_end = 0;
    for (const RuleMatch& m : docno->FindAll(para)) {
      Citation c;
      bool party = m.Has("pnumber");
      c.number = party ? m.Get("pnumber") : m.Get("number");
      c.symbol = party ? m.Get("psymbol") : m.Get("symbol");
      // A legal normative document carries its year: 56/2021/QĐ-UBND →
      // number 56, symbol 2021/QĐ-UBND, so that number "/" symbol is the
      // reference as written.
      if (!m.Get("year").empty()) c.symbol = m.Get("year") + "/" + c.symbol;
      if (c.number == own.number && c.symbol == own.symbol) continue;

      // Left: the type just before, or the type of a list this number is in.
      std::string_view left = std::string_view(para).substr(previous_end, m.begin - previous_end);
      RuleMatch t;
      if (type_before->Find(left, &t)) {
        c.doc_type = t.Get("type");
        list_type.clear();
      } else if (type_of_list->Find(left, &t)) {
        list_type = t.Get("type");
        list_issuer = utf8::CollapseSpace(t.Get("issuer"));
      }
      if (c.doc_type.empty() && !party &&
          (law_symbol->Find(utf8::Split(c.symbol, '/').back()) || law_before->Find(left))) {
        c.doc_type = "Luật";
      }
      if (c.doc_type.empty() && !list_type.empty()) {
        c.doc_type = list_type;
        c.issuer = list_issuer;
      }
      if (c.doc_type.empty()) {
        // The type abbreviation: NQ of 03-NQ/TU, QĐ of 2021/QĐ-UBND, KH of KH-UBND.
        std::string_view sym = c.symbol;
        if (!party && sym.find('/') != std::string_view::npos) sym = sym.substr(sym.find('/') + 1);
        std::string abbr(party ? utf8::Split(sym, '/')[0] : utf8::Split(sym, '-')[0]);
        c.doc_type = types_->NameForAbbreviation(abbr);
        if (c.doc_type.empty() && !party) c.doc_type = "Công văn";
      }
      // "Văn bản số 2150/UBND-KT": a symbol without a type abbreviation is a công văn.
      if (utf8::Fold(c.doc_type) == "van ban" && !party &&
          types_->NameForAbbreviation(std::string(utf8::Split(c.symbol, '-')[0])).empty()) {
        c.doc_type = "Công văn";
      }
      // Normalize the type's case: "Nghị quyết", whatever the text had.
      if (!c.doc_type.empty()) {
        std::string lower = utf8::Lower(c.doc_type);
        c.doc_type = Capitalize(lower);
      }

      // Right: date, then issuer.
      size_t pos = m.end;
      std::string_view right = std::string_view(para).substr(pos);
      RuleMatch d;
      if (date_after->Find(right, &d) && d.begin == 0) {
        if (d.Has("y1")) {
          c.issued_date = IsoDate(std::stoi(d.Get("y1")), std::stoi(d.Get("m1")), std::stoi(d.Get("d1")));
        } else {
          c.issued_date = IsoDate(std::stoi(d.Get("y2")), std::stoi(d.Get("m2")), std::stoi(d.Get("d2")));
        }
        pos += d.end;
        right = std::string_view(para).substr(pos);
      }
      RuleMatch is;
      if (issuer_after->Find(right, &is) && is.begin == 0) {
        const std::string issuer = is.Get("issuer");
        c.issuer = utf8::CollapseSpace(issuer);
        pos += right.find(issuer) + issuer.size();  // raw ends with the issuer, not the word after it
      }
      // "Ngày 28/02/2024, UBND thành phố ban hành Quyết định số 412/QĐ-UBND".
      RuleMatch before;
      if ((c.issued_date.empty() || c.issuer.empty()) && issued_before->Find(left, &before)) {
        if (c.issued_date.empty()) {
          c.issued_date = IsoDate(std::stoi(before.Get("y")), std::stoi(before.Get("m")), std::stoi(before.Get("d")));
        }
        if (c.issuer.empty()) c.issuer = utf8::CollapseSpace(before.Get("issuer"));
      }
      c.raw = utf8::CollapseSpace(std::string_view(para).substr(m.begin, pos - m.begin));
      // Drop the separator the docno pattern may have taken before the number.
      while (!c.raw.empty() && !(c.raw[0] >= '0' && c.raw[0] <= '9')) c.raw.erase(0, 1);
      previous_end = m.end;

      auto same = std::find_if(out.begin(), out.end(), [&](const Citation& o) {
        return o.number == c.number && o.symbol == c.symbol;
      });
      if (same == out.end()) {
        out.push_back(std::move(c));
      } else if (Fullness(c) > Fullness(*same)) {
        *same = std::move(c);
      }
    }
  }
  return out;
}

}  // namespace vanban::extract
