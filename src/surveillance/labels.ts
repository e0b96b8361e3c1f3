/**
 * Names of surveillance fields and values in the three languages, so that a message about a bad
 * field or a refused reclassification reads naturally in Vietnamese and Chinese as well.
 */
import type { Locale, Text } from '../platform/i18n';

const t = (vi: string, zh: string, en: string): Text => ({ vi, 'zh-CN': zh, en });

/** Field labels, keyed by the snake_case name (CSV columns use these names). */
export const FIELD_LABELS: Record<string, Text> = {
  period: t('Kỳ báo cáo', '报告期', 'Period'),
  area: t('Địa bàn', '地区', 'Area'),
  disease: t('Bệnh', '病种', 'Disease'),
  age_group: t('Nhóm tuổi', '年龄组', 'Age group'),
  sex: t('Giới tính', '性别', 'Sex'),
  count: t('Số ca', '病例数', 'Count'),
  date: t('Ngày', '日期', 'Date'),
  gate: t('Cửa khẩu', '口岸', 'Border gate'),
  people: t('Số người được kiểm tra', '受检人数', 'People screened'),
  vehicles: t('Số phương tiện', '交通工具数', 'Vehicles'),
  consignments: t('Số lô hàng', '货物批数', 'Goods consignments'),
  samples: t('Số mẫu xét nghiệm', '采样数', 'Samples'),
  symptomatic: t('Số người có triệu chứng', '有症状人数', 'Symptomatic'),
  referred: t('Số người chuyển viện', '转诊人数', 'Referred'),
  quarantined: t('Số người cách ly', '隔离人数', 'Quarantined'),
  survey_date: t('Ngày điều tra', '调查日期', 'Survey date'),
  house_index: t('Chỉ số nhà (HI)', '房屋指数', 'House index'),
  breteau_index: t('Chỉ số Breteau (BI)', '布雷图指数', 'Breteau index'),
  container_index: t('Chỉ số dụng cụ chứa nước (CI)', '容器指数', 'Container index'),
  rodent_density: t('Mật độ chuột', '鼠密度', 'Rodent density'),
  flea_index: t('Chỉ số bọ chét', '蚤指数', 'Flea index'),
  species: t('Loài', '种类', 'Species'),
  id: t('Mã ca bệnh', '病例编号', 'Case id'),
  classification: t('Phân loại ca bệnh', '病例分类', 'Classification'),
  onset_date: t('Ngày khởi phát', '发病日期', 'Onset date'),
  report_date: t('Ngày báo cáo', '报告日期', 'Report date'),
  confirmation_date: t('Ngày xác định ca bệnh', '确诊日期', 'Confirmation date'),
  age: t('Tuổi', '年龄', 'Age'),
  residence_area: t('Nơi cư trú', '现住地', 'Place of residence'),
  infection_place: t('Nơi có khả năng bị nhiễm', '可能感染地', 'Likely place of infection'),
  infection_country: t('Quốc gia nơi nhiễm bệnh', '感染地国家', 'Country of infection'),
  infection_area: t('Địa bàn nơi nhiễm bệnh', '感染地地区', 'Area of infection'),
  infection_description: t('Mô tả nơi nhiễm bệnh', '感染地描述', 'Place of infection (description)'),
  description: t('Mô tả', '描述', 'Description'),
  country: t('Quốc gia', '国家', 'Country'),
  imported: t('Ca bệnh xâm nhập', '输入性病例', 'Imported case'),
  import_country: t('Quốc gia xuất phát', '输入来源国', 'Country imported from'),
  entry_gate: t('Cửa khẩu nhập cảnh', '入境口岸', 'Border gate of entry'),
  entry_date: t('Ngày nhập cảnh', '入境日期', 'Entry date'),
  outcome: t('Diễn biến', '转归', 'Outcome'),
  reporting_facility: t('Cơ sở báo cáo', '报告单位', 'Reporting facility'),
  contacts: t('Số người tiếp xúc', '密切接触者数', 'Contacts'),
  contacts_vn: t('Số người tiếp xúc phía Việt Nam', '越方密切接触者数', 'Contacts in Viet Nam'),
  contacts_cn: t('Số người tiếp xúc phía Trung Quốc', '中方密切接触者数', 'Contacts in China'),
  vn: t('Phía Việt Nam', '越方', 'Viet Nam side'),
  cn: t('Phía Trung Quốc', '中方', 'China side'),
  travel: t('Lộ trình di chuyển', '旅行轨迹', 'Travel route'),
  place: t('Địa điểm', '地点', 'Place'),
  from: t('Từ ngày', '起始日期', 'From'),
  to: t('Đến ngày', '截止日期', 'To'),
  version: t('Phiên bản', '版本', 'Version'),
  identity: t('Thông tin định danh', '身份信息', 'Identity'),
  full_name: t('Họ và tên', '姓名', 'Full name'),
  id_type: t('Loại giấy tờ tùy thân', '证件类型', 'Identity document type'),
  id_number: t('Số giấy tờ tùy thân', '证件号码', 'Identity document number'),
  phone: t('Số điện thoại', '电话号码', 'Phone'),
  address: t('Địa chỉ', '地址', 'Address'),
  date_of_birth: t('Ngày sinh', '出生日期', 'Date of birth'),
  data_element: t('Phần tử dữ liệu (dataElement)', '数据元 (dataElement)', 'Data element'),
  org_unit: t('Đơn vị (orgUnit)', '组织机构 (orgUnit)', 'Organisation unit'),
  category_option_combo: t('Tổ hợp phân loại (categoryOptionCombo)', '分类选项组合 (categoryOptionCombo)', 'Category option combination'),
  value: t('Giá trị', '值', 'Value'),
  data_values: t('Danh sách giá trị (dataValues)', '数据值列表 (dataValues)', 'Data values'),
};

/** Labels of enumerated values (classification, outcome, sex). */
export const VALUE_LABELS: Record<string, Text> = {
  suspected: t('nghi ngờ', '疑似', 'suspected'),
  probable: t('có thể', '临床诊断', 'probable'),
  confirmed: t('xác định', '确诊', 'confirmed'),
  'under-treatment': t('đang điều trị', '治疗中', 'under treatment'),
  recovered: t('khỏi bệnh', '痊愈', 'recovered'),
  died: t('tử vong', '死亡', 'died'),
  male: t('nam', '男', 'male'),
  female: t('nữ', '女', 'female'),
  unknown: t('không rõ', '不详', 'unknown'),
};

const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** The label of a field path such as `imported.entryDate`, `travel.2.from` or `entry_date`. */
export function fieldLabel(field: string, locale: Locale): string {
  return field
    .split('.')
    .map((seg) => (/^\d+$/.test(seg) ? `#${Number(seg) + 1}` : FIELD_LABELS[snake(seg)]?.[locale] ?? seg))
    .join(' › ');
}

/** The label of an enumerated value, or the value itself. */
export function valueLabel(value: unknown, locale: Locale): string {
  const s = String(value);
  return VALUE_LABELS[s]?.[locale] ?? s;
}

/** Message parameters with field names and enumerated values put into the reader's language. */
export function localizeParams(params: Record<string, unknown>, locale: Locale): Record<string, unknown> {
  const out: Record<string, unknown> = { ...params };
  for (const k of ['field', 'other']) if (typeof out[k] === 'string') out[k] = fieldLabel(out[k] as string, locale);
  for (const k of ['from', 'to', 'outcome']) if (typeof out[k] === 'string') out[k] = valueLabel(out[k], locale);
  return out;
}
