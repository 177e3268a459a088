#include "extract/unit_gazetteer.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "testing/paths.h"

namespace vanban::extract {
namespace {

const UnitGazetteer& Units() {
  static const UnitGazetteer* g = [] {
    Result<UnitGazetteer> r = UnitGazetteer::Load(testing::SourcePath("rules"));
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return new UnitGazetteer(std::move(*r));
  }();
  return *g;
}

// "canonical=as written" for each unit, '?' before unknown ones, joined with " | ".
std::string Show(const std::vector<UnitMention>& units) {
  std::string out;
  for (const UnitMention& u : units) {
    if (!out.empty()) out += " | ";
    if (!u.known) out += "?";
    out += u.canonical;
    if (u.as_written != u.canonical) out += "=" + u.as_written;
  }
  return out;
}

TEST(UnitGazetteerTest, Lists) {
  struct Case {
    const char* text;
    const char* want;
  } cases[] = {
      {"Trung tâm DVVL-ĐT-XTĐT", "Trung tâm DVVL-ĐT-XTĐT"},
      {"Văn phòng", "Văn phòng"},
      {"Các Phòng, Văn phòng", "Các phòng chuyên môn=Các Phòng | Văn phòng"},
      {"Các Phòng & Trung tâm DVVL-ĐT-XTĐT", "Các phòng chuyên môn=Các Phòng | Trung tâm DVVL-ĐT-XTĐT"},
      {"Văn phòng, Phòng, DVVL-ĐT-XTĐT", "Văn phòng | Các phòng chuyên môn=Phòng | Trung tâm DVVL-ĐT-XTĐT=DVVL-ĐT-XTĐT"},
      {"Văn phòng BQL", "Văn phòng=Văn phòng BQL"},
      {"VP, các PCM, TT DVVL-ĐT-XTĐT", "Văn phòng=VP | Các phòng chuyên môn=các PCM | Trung tâm DVVL-ĐT-XTĐT=TT DVVL-ĐT-XTĐT"},
      {"Các PCM, ĐVSN", "Các phòng, đơn vị sự nghiệp=Các PCM, ĐVSN"},
      {"Phòng KT-HT&ĐT", "Phòng Kinh tế - Hạ tầng và Đô thị=Phòng KT-HT&ĐT"},
      {"phòng Kinh tế - Hạ tầng và đô thị", "Phòng Kinh tế - Hạ tầng và Đô thị=phòng Kinh tế - Hạ tầng và đô thị"},
      {"VĂN PHÒNG BAN QUẢN LÝ", "Văn phòng=VĂN PHÒNG BAN QUẢN LÝ"},
      // Folding makes text without marks match too.
      {"Van phong BQL", "Văn phòng=Van phong BQL"},
      {"Văn phòng, Phòng Quản lý đầu tư", "Văn phòng | Phòng Quản lý đầu tư"},
      {"Phòng Văn hóa xã hội, Trung tâm phục vụ hành chính công, Trung tâm sự nghiệp công",
       "Phòng Văn hóa - Xã hội=Phòng Văn hóa xã hội | Trung tâm Phục vụ hành chính công=Trung tâm phục vụ hành chính công | "
       "Trung tâm Cung ứng dịch vụ công=Trung tâm sự nghiệp công"},
      // Unknown units are kept as written.
      {"Sở Du lịch biển, Phòng Giáo dục", "?Sở Du lịch biển | ?Phòng Giáo dục"},
      {"Đội Quản lý trật tự đô thị", "?Đội Quản lý trật tự đô thị"},
      // A typo's repeated words do not hide the alias.
      {"Các cơ quan cơ quan, đơn vị liên quan", "Các cơ quan, đơn vị liên quan=Các cơ quan cơ quan, đơn vị liên quan"},
      // Qualifiers are not units.
      {"các phòng, đơn vị sự nghiệp trực thuộc", "Các phòng, đơn vị sự nghiệp=các phòng, đơn vị sự nghiệp trực thuộc"},
      {"Văn phòng và các đơn vị có liên quan", "Văn phòng | Các đơn vị=các đơn vị có liên quan"},
      {"- Văn phòng\n- Các phòng", "Văn phòng | Các phòng chuyên môn=Các phòng"},
      // A scanned cell keeps its line ends: a name wrapped onto the next line
      // is one unit; a line that starts a unit is the next one.
      {"Công chức Văn hóa -\nXã hội", "?Công chức Văn hóa - Xã hội"},
      {"Đoàn\nThanh niên xã", "?Đoàn Thanh niên xã"},
      {"Văn phòng Sở\nPhòng Tin học", "Văn phòng=Văn phòng Sở | ?Phòng Tin học"},
      // What follows a stop word after a known unit is not part of its name.
      {"Công an xã là cơ quan thường trực", "Công an=Công an xã"},
      {"", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(Show(Units().ParseList(c.text)), c.want) << c.text;
}

TEST(UnitGazetteerTest, Prefix) {
  struct Case {
    const char* text;
    const char* want;
    const char* rest;
  } cases[] = {
      {"Văn phòng Ban Quản lý chủ trì, phối hợp", "Văn phòng=Văn phòng Ban Quản lý", " chủ trì, phối hợp"},
      {"phòng Kinh tế - Hạ tầng và Đô thị là cơ quan đầu mối", "Phòng Kinh tế - Hạ tầng và Đô thị=phòng Kinh tế - Hạ tầng và Đô thị", " là cơ quan đầu mối"},
      {"các phòng, đơn vị sự nghiệp trực thuộc chủ động tham mưu", "Các phòng, đơn vị sự nghiệp=các phòng, đơn vị sự nghiệp trực thuộc", " chủ động tham mưu"},
      {"Văn phòng trực thuộc chủ động tham mưu", "Văn phòng", " chủ động tham mưu"},
      {"Phòng Giáo dục và Đào tạo chủ trì", "?Phòng Giáo dục và Đào tạo", " chủ trì"},
      {"Sở Kế hoạch và Đầu tư, Sở Tài chính thực hiện", "Sở Kế hoạch và Đầu tư | Sở Tài chính", " thực hiện"},
      {"Đội Kiểm tra trật tự đô thị, Công an phường theo dõi", "?Đội Kiểm tra trật tự đô thị | Công an=Công an phường", " theo dõi"},
      {"tổ chức tuyên truyền", "", "tổ chức tuyên truyền"},
      // One bug per line, found measuring against corpus/truth.
      // The level of government goes on the unit it follows.
      {"Trung tâm Phục vụ hành chính công phường thực hiện",
       "Trung tâm Phục vụ hành chính công=Trung tâm Phục vụ hành chính công phường", " thực hiện"},
      // A collective list runs to the verb, with its qualifier.
      {"UBND các huyện, thành phố, thị xã công khai quy hoạch", "?UBND các huyện, thành phố, thị xã", " công khai quy hoạch"},
      {"Các sở, ngành, địa phương liên quan khi được đề nghị", "?Các sở, ngành, địa phương liên quan", " khi được đề nghị"},
      // After "các", "tổ chức" is a noun, not the verb.
      {"Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh tăng cường giám sát",
       "Mặt trận Tổ quốc=Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh | ?các tổ chức chính trị - xã hội tỉnh", " tăng cường giám sát"},
      // A name begun in capitals ends at the verb.
      {"Ban Quản lý Khu kinh tế Đông Nam Nghệ An khảo sát", "Ban Quản lý Khu kinh tế=Ban Quản lý Khu kinh tế Đông Nam Nghệ An",
       " khảo sát"},
      // Marks tell a head word from its look-alike: "Bố trí" is not "Bộ", "Số hóa" not "Sở".
      {"Bố trí công chức hướng dẫn", "", "Bố trí công chức hướng dẫn"},
      {"Số hóa hồ sơ", "", "Số hóa hồ sơ"},
      // "Các nhiệm vụ …" names tasks, not units.
      {"Các nhiệm vụ được giao phải rõ đơn vị chủ trì", "", "Các nhiệm vụ được giao phải rõ đơn vị chủ trì"},
  };
  for (const auto& c : cases) {
    size_t consumed = 0;
    std::string text = c.text;
    EXPECT_EQ(Show(Units().ParsePrefix(text, &consumed)), c.want) << c.text;
    EXPECT_EQ(text.substr(consumed), c.rest) << c.text;
  }
}

TEST(UnitGazetteerTest, WholeItemAliases) {
  // "Phòng$" names the departments only as a whole item.
  EXPECT_EQ(Units().Canonical("Phòng"), "Các phòng chuyên môn");
  EXPECT_EQ(Show(Units().ParseList("Phòng Giáo dục")), "?Phòng Giáo dục");
  EXPECT_EQ(Units().Canonical("Không có"), "");
}

TEST(UnitGazetteerTest, LocalFileExtendsAndOverrides) {
  std::string dir = testing::TempDir();
  std::filesystem::copy_file(testing::SourcePath("rules/units.tsv"), dir + "/units.tsv",
                             std::filesystem::copy_options::overwrite_existing);
  std::filesystem::copy_file(testing::SourcePath("rules/unit_words.txt"), dir + "/unit_words.txt",
                             std::filesystem::copy_options::overwrite_existing);
  testing::WriteFileOrDie(dir + "/units.local.tsv",
                          "# local\nPhòng Giáo dục và Đào tạo\tPhòng GD&ĐT\tPhòng GDĐT\n"
                          "Văn phòng Sở\tVP\n");
  std::string extra = dir + "/more.tsv";
  testing::WriteFileOrDie(extra, "Đội Quản lý trật tự đô thị\tĐội QLTTĐT\n");
  setenv("VANBAN_UNITS_FILE", extra.c_str(), 1);
  Result<UnitGazetteer> g = UnitGazetteer::Load(dir);
  unsetenv("VANBAN_UNITS_FILE");
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(g->Canonical("Phòng GD&ĐT"), "Phòng Giáo dục và Đào tạo");
  EXPECT_EQ(g->Canonical("VP"), "Văn phòng Sở");  // re-mapped
  EXPECT_EQ(g->Canonical("Văn phòng BQL"), "Văn phòng");  // untouched
  EXPECT_EQ(g->Canonical("đội qlttđt"), "Đội Quản lý trật tự đô thị");
  EXPECT_GT(g->size(), Units().size());
}

TEST(UnitGazetteerTest, Errors) {
  {
    std::string dir = testing::TempDir() + "/words";
    std::filesystem::create_directories(dir);
    std::filesystem::copy_file(testing::SourcePath("rules/units.tsv"), dir + "/units.tsv",
                               std::filesystem::copy_options::overwrite_existing);
    testing::WriteFileOrDie(dir + "/unit_words.txt", "# no section yet\nphòng\n");
    Result<UnitGazetteer> bad = UnitGazetteer::Load(dir);
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.status().message().find("unit_words.txt:2: a word before any [section]"), std::string::npos)
        << bad.status().message();
    testing::WriteFileOrDie(dir + "/unit_words.txt", "[heads]\nphòng\n");
    bad = UnitGazetteer::Load(dir);
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.status().message().find("unknown section [heads]"), std::string::npos) << bad.status().message();
  }
  EXPECT_FALSE(UnitGazetteer::Load("/nonexistent").ok());
  std::string dir = testing::TempDir();
  std::filesystem::copy_file(testing::SourcePath("rules/units.tsv"), dir + "/units.tsv",
                             std::filesystem::copy_options::overwrite_existing);
  std::filesystem::copy_file(testing::SourcePath("rules/unit_words.txt"), dir + "/unit_words.txt",
                             std::filesystem::copy_options::overwrite_existing);
  setenv("VANBAN_UNITS_FILE", (dir + "/missing.tsv").c_str(), 1);
  Result<UnitGazetteer> g = UnitGazetteer::Load(dir);
  unsetenv("VANBAN_UNITS_FILE");
  ASSERT_FALSE(g.ok());
  EXPECT_NE(g.status().message().find("missing.tsv"), std::string::npos);
  UnitGazetteer empty = std::move(*UnitGazetteer::Load(testing::SourcePath("rules")));
  Status s = empty.AddTsv("\t alias\n", "bad.tsv");
  EXPECT_EQ(s.message(), "bad.tsv:1: empty canonical name");
}

}  // namespace
}  // namespace vanban::extract
