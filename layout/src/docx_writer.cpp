// The DOCX package: content types, relationships, metadata, zipped with a
// fixed date (the issue's) so that the same issue gives the same bytes.
#include "reissue/docx.h"

#include "docx_document.h"
#include "docx_styles.h"
#include "reissue/compose.h"
#include "reissue/xml_writer.h"
#include "zip_package.h"

namespace reissue {

namespace {

using layout::DocxRelationship;

constexpr const char* kPackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";
constexpr const char* kOfficeRelationshipTypes = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
constexpr const char* kWordContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.";

std::string relationships_xml(const std::vector<DocxRelationship>& relationships) {
  xml::Writer out(false);
  out.start_document(true);
  out.start("Relationships");
  out.attribute("xmlns", kPackageRelationships);
  for (const DocxRelationship& relationship : relationships) {
    out.start("Relationship");
    out.attribute("Id", relationship.id);
    out.attribute("Type", relationship.type.find(':') == std::string::npos
                              ? kOfficeRelationshipTypes + relationship.type
                              : relationship.type);
    out.attribute("Target", relationship.target);
    if (relationship.external) out.attribute("TargetMode", "External");
    out.end();
  }
  out.end();
  return out.finish();
}

std::string content_types_xml(bool has_footer) {
  xml::Writer out(false);
  out.start_document(true);
  out.start("Types");
  out.attribute("xmlns", "http://schemas.openxmlformats.org/package/2006/content-types");
  for (auto [extension, type] : {std::pair{"rels", "application/vnd.openxmlformats-package.relationships+xml"},
                                 std::pair{"xml", "application/xml"}, std::pair{"jpeg", "image/jpeg"},
                                 std::pair{"png", "image/png"}}) {
    out.start("Default");
    out.attribute("Extension", extension);
    out.attribute("ContentType", type);
    out.end();
  }
  auto override_part = [&](const char* part, const std::string& type) {
    out.start("Override");
    out.attribute("PartName", part);
    out.attribute("ContentType", type);
    out.end();
  };
  override_part("/word/document.xml", std::string(kWordContentType) + "document.main+xml");
  override_part("/word/styles.xml", std::string(kWordContentType) + "styles+xml");
  override_part("/word/settings.xml", std::string(kWordContentType) + "settings+xml");
  if (has_footer) override_part("/word/footer1.xml", std::string(kWordContentType) + "footer+xml");
  override_part("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
  override_part("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml");
  out.end();
  return out.finish();
}

std::string core_properties_xml(const Issue& issue) {
  xml::Writer out(false);
  out.start_document(true);
  out.start("cp:coreProperties");
  out.attribute("xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
  out.attribute("xmlns:dc", "http://purl.org/dc/elements/1.1/");
  out.attribute("xmlns:dcterms", "http://purl.org/dc/terms/");
  out.attribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
  out.element("dc:title", issue_title(issue));
  if (!issue.masthead.publisher.empty()) out.element("dc:creator", issue.masthead.publisher);
  out.element("dc:language", "zh-CN");
  // Dated by the issue, not the clock, like the PDF.
  if (issue.masthead.date) {
    for (const char* name : {"dcterms:created", "dcterms:modified"}) {
      out.start(name);
      out.attribute("xsi:type", "dcterms:W3CDTF");
      out.text(issue.masthead.date->iso() + "T00:00:00Z");
      out.end();
    }
  }
  out.end();
  return out.finish();
}

std::string app_properties_xml() {
  xml::Writer out(false);
  out.start_document(true);
  out.start("Properties");
  out.attribute("xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties");
  out.element("Application", "reissue");
  out.end();
  return out.finish();
}

}  // namespace

std::string write_docx(const Issue& issue, const Style& style, const Figures& figures) {
  const std::string footer_id = "rIdFooter";
  layout::DocxContent content = layout::write_docx_content(compose_issue(issue), style, figures, footer_id);
  const bool has_footer = !style.footer_format.empty();

  std::vector<DocxRelationship> document_relationships = {{"rIdStyles", "styles", "styles.xml", false},
                                                          {"rIdSettings", "settings", "settings.xml", false}};
  if (has_footer) document_relationships.push_back({footer_id, "footer", "footer1.xml", false});
  document_relationships.insert(document_relationships.end(), content.relationships.begin(),
                                content.relationships.end());
  const std::vector<DocxRelationship> package_relationships = {
      {"rId1", "officeDocument", "word/document.xml", false},
      {"rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
       "docProps/core.xml", false},
      {"rId3", "extended-properties", "docProps/app.xml", false}};

  const auto& date = issue.masthead.date;
  layout::ZipPackage package(date ? date->year : 1980, date ? date->month : 1, date ? date->day : 1);
  package.add("[Content_Types].xml", content_types_xml(has_footer));
  package.add("_rels/.rels", relationships_xml(package_relationships));
  package.add("docProps/core.xml", core_properties_xml(issue));
  package.add("docProps/app.xml", app_properties_xml());
  package.add("word/document.xml", std::move(content.document));
  package.add("word/_rels/document.xml.rels", relationships_xml(document_relationships));
  package.add("word/styles.xml", layout::docx_styles_xml(style));
  package.add("word/settings.xml", layout::docx_settings_xml());
  if (has_footer) package.add("word/footer1.xml", std::move(content.footer));
  for (layout::DocxMedia& media : content.media) package.add("word/" + media.part, std::move(media.bytes), false);
  return package.finish();
}

}  // namespace reissue
