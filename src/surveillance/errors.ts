import { BhError, defineErrors, errorDefinition } from '../platform/errors';
import { translate, type Locale } from '../platform/i18n';
import { localizeParams } from './labels';
import type { Problem } from './model';

const e = (status: number, en: string, vi: string, zh: string) => ({ status, message: { en, vi, 'zh-CN': zh } });

export const SurveillanceErrors = defineErrors({
  // Cases
  BH_SURVEILLANCE_INVALID_TRANSITION: e(
    409,
    'A {from} case cannot be reclassified as {to}.',
    'Không thể phân loại lại ca bệnh {from} thành ca bệnh {to}.',
    '{from}病例不能重新分类为{to}病例。',
  ),
  BH_SURVEILLANCE_VERSION_CONFLICT: e(
    409,
    'The case was changed meanwhile (it is now at version {actual}, you sent {expected}). Reload it and try again.',
    'Ca bệnh đã được người khác thay đổi (hiện là phiên bản {actual}, bạn gửi phiên bản {expected}). Vui lòng tải lại và thử lại.',
    '该病例已被他人修改（当前版本为 {actual}，您提交的是 {expected}）。请刷新后重试。',
  ),
  BH_SURVEILLANCE_CASE_EXISTS: e(409, 'A case with id {id} already exists.', 'Đã có ca bệnh với mã {id}.', '编号为 {id} 的病例已存在。'),
  BH_SURVEILLANCE_OUTCOME_FINAL: e(
    409,
    'The outcome "{outcome}" is final and cannot be changed.',
    'Diễn biến "{outcome}" là kết cục cuối cùng, không thể thay đổi.',
    '转归“{outcome}”为最终结果，不能更改。',
  ),
  BH_SURVEILLANCE_CONFIRMATION_DATE_REQUIRED: e(
    400,
    'A confirmed case needs a confirmation date.',
    'Ca bệnh xác định phải có ngày xác định ca bệnh.',
    '确诊病例必须填写确诊日期。',
  ),
  BH_SURVEILLANCE_CONFIRMATION_DATE_UNEXPECTED: e(
    400,
    'Only a confirmed case has a confirmation date.',
    'Chỉ ca bệnh xác định mới có ngày xác định ca bệnh.',
    '只有确诊病例才有确诊日期。',
  ),
  BH_SURVEILLANCE_IMPORTED_FROM_HOME: e(
    400,
    '{field}: an imported case comes from another country than {value}.',
    '{field}: ca bệnh xâm nhập phải đến từ quốc gia khác {value}.',
    '{field}：输入性病例须来自 {value} 以外的国家。',
  ),
  BH_SURVEILLANCE_NOT_IMPORTED: e(
    400,
    '{field} is only for imported cases.',
    '{field} chỉ dùng cho ca bệnh xâm nhập.',
    '{field}仅适用于输入性病例。',
  ),
  // Values
  BH_SURVEILLANCE_MISSING_VALUE: e(400, '{field} is missing.', 'Thiếu {field}.', '缺少{field}。'),
  BH_SURVEILLANCE_BAD_INTEGER: e(400, '{field}: "{value}" is not a whole number.', '{field}: "{value}" không phải là số nguyên.', '{field}：“{value}”不是整数。'),
  BH_SURVEILLANCE_BAD_NUMBER: e(400, '{field}: "{value}" is not a number.', '{field}: "{value}" không phải là số.', '{field}：“{value}”不是数字。'),
  BH_SURVEILLANCE_NEGATIVE: e(400, '{field} cannot be negative ({value}).', '{field} không được là số âm ({value}).', '{field}不能为负数（{value}）。'),
  BH_SURVEILLANCE_OUT_OF_RANGE: e(
    400,
    '{field} must be between {min} and {max} ({value}).',
    '{field} phải nằm trong khoảng từ {min} đến {max} ({value}).',
    '{field}必须在 {min} 到 {max} 之间（{value}）。',
  ),
  BH_SURVEILLANCE_EXCEEDS: e(
    400,
    '{field} ({value}) cannot exceed {other} ({otherValue}).',
    '{field} ({value}) không được lớn hơn {other} ({otherValue}).',
    '{field}（{value}）不能大于{other}（{otherValue}）。',
  ),
  BH_SURVEILLANCE_BELOW: e(
    400,
    '{field} ({value}) cannot be less than {other} ({otherValue}).',
    '{field} ({value}) không được nhỏ hơn {other} ({otherValue}).',
    '{field}（{value}）不能小于{other}（{otherValue}）。',
  ),
  BH_SURVEILLANCE_INCONSISTENT_ZERO: e(
    400,
    '{field} ({value}) must be 0 when {other} is 0.',
    '{field} ({value}) phải bằng 0 khi {other} bằng 0.',
    '{other}为 0 时，{field}（{value}）也必须为 0。',
  ),
  BH_SURVEILLANCE_VECTOR_EMPTY: e(
    400,
    'A vector survey needs at least one index.',
    'Kết quả điều tra véc-tơ phải có ít nhất một chỉ số.',
    '病媒调查至少需要一项指数。',
  ),
  BH_SURVEILLANCE_TEXT_TOO_LONG: e(400, '{field} is longer than {max} characters.', '{field} dài quá {max} ký tự.', '{field}超过 {max} 个字符。'),
  BH_SURVEILLANCE_BAD_ENUM: e(
    400,
    '{field}: "{value}" is not one of {allowed}.',
    '{field}: "{value}" không thuộc các giá trị {allowed}.',
    '{field}：“{value}”不是 {allowed} 之一。',
  ),
  BH_SURVEILLANCE_BAD_UUID: e(400, '{field}: "{value}" is not a UUID.', '{field}: "{value}" không phải là UUID.', '{field}：“{value}”不是 UUID。'),
  BH_SURVEILLANCE_BAD_BOOLEAN: e(
    400,
    '{field}: "{value}" is not yes/no (true/false).',
    '{field}: "{value}" không phải là có/không (true/false).',
    '{field}：“{value}”不是是/否（true/false）。',
  ),
  BH_SURVEILLANCE_BAD_JSON_FIELD: e(400, '{field} is not valid: {detail}.', '{field} không hợp lệ: {detail}.', '{field}无效：{detail}。'),
  BH_SURVEILLANCE_BAD_COUNTRY: e(
    400,
    '{field}: "{value}" is not a two-letter ISO country code.',
    '{field}: "{value}" không phải là mã quốc gia ISO gồm hai chữ cái.',
    '{field}：“{value}”不是两位字母的 ISO 国家代码。',
  ),
  // Dates and periods
  BH_SURVEILLANCE_BAD_DATE: e(400, '{field}: "{value}" is not a date (YYYY-MM-DD).', '{field}: "{value}" không phải là ngày (YYYY-MM-DD).', '{field}：“{value}”不是日期（YYYY-MM-DD）。'),
  BH_SURVEILLANCE_FUTURE_DATE: e(400, '{field} ({value}) is in the future.', '{field} ({value}) là ngày trong tương lai.', '{field}（{value}）晚于今天。'),
  BH_SURVEILLANCE_DATE_ORDER: e(
    400,
    '{field} ({value}) is before {other} ({otherValue}).',
    '{field} ({value}) sớm hơn {other} ({otherValue}).',
    '{field}（{value}）早于{other}（{otherValue}）。',
  ),
  BH_SURVEILLANCE_BAD_PERIOD: e(
    400,
    '{field}: "{value}" is not a valid period; expected {expected}.',
    '{field}: "{value}" không phải là kỳ báo cáo hợp lệ; cần có dạng {expected}.',
    '{field}：“{value}”不是有效的报告期，应为 {expected}。',
  ),
  BH_SURVEILLANCE_FUTURE_PERIOD: e(400, '{field}: the period {value} has not begun yet.', '{field}: kỳ báo cáo {value} chưa bắt đầu.', '{field}：报告期 {value} 尚未开始。'),
  // References
  BH_SURVEILLANCE_UNKNOWN_DISEASE: e(
    400,
    '{field}: unknown disease code "{value}" (this node uses the {list} list of notifiable diseases).',
    '{field}: không có mã bệnh "{value}" (nút này dùng danh mục bệnh truyền nhiễm phải báo cáo của {list}).',
    '{field}：未知的病种代码“{value}”（本节点使用 {list} 法定传染病目录）。',
  ),
  BH_SURVEILLANCE_UNKNOWN_AREA: e(
    400,
    '{field}: unknown area "{value}", or not an area this node serves.',
    '{field}: không có địa bàn "{value}", hoặc địa bàn này không thuộc nút này.',
    '{field}：未知地区“{value}”，或该地区不属于本节点。',
  ),
  BH_SURVEILLANCE_AREA_COUNTRY: e(400, '{field}: area {value} is not in {country}.', '{field}: địa bàn {value} không thuộc {country}.', '{field}：地区 {value} 不在 {country} 境内。'),
  BH_SURVEILLANCE_UNKNOWN_GATE: e(
    400,
    '{field}: unknown border gate pair "{value}".',
    '{field}: không có cặp cửa khẩu "{value}".',
    '{field}：未知的口岸对“{value}”。',
  ),
  BH_SURVEILLANCE_UNKNOWN_FACILITY: e(
    400,
    '{field}: unknown facility "{value}", or not a facility of this node.',
    '{field}: không có cơ sở "{value}", hoặc cơ sở này không thuộc nút này.',
    '{field}：未知机构“{value}”，或该机构不属于本节点。',
  ),
  BH_SURVEILLANCE_OUTSIDE_JURISDICTION: e(
    403,
    '{field}: "{value}" is outside your jurisdiction.',
    '{field}: "{value}" nằm ngoài phạm vi quản lý của bạn.',
    '{field}：“{value}”不在您的管辖范围内。',
  ),
  // Imports
  BH_SURVEILLANCE_IMPORT_MISSING_COLUMN: e(400, 'Column "{column}" is missing.', 'Thiếu cột "{column}".', '缺少“{column}”列。'),
  BH_SURVEILLANCE_IMPORT_UNKNOWN_COLUMN: e(
    400,
    'Unknown column "{column}" for this kind of data.',
    'Cột "{column}" không dùng cho loại dữ liệu này.',
    '此类数据没有“{column}”列。',
  ),
  BH_SURVEILLANCE_IMPORT_DUPLICATE_COLUMN: e(400, 'Column "{column}" appears twice.', 'Cột "{column}" xuất hiện hai lần.', '“{column}”列重复出现。'),
  BH_SURVEILLANCE_IMPORT_COLUMN_COUNT: e(
    400,
    'The line has {actual} values; the header has {expected} columns.',
    'Dòng này có {actual} giá trị trong khi tiêu đề có {expected} cột.',
    '该行有 {actual} 个值，而表头有 {expected} 列。',
  ),
  BH_SURVEILLANCE_IMPORT_MALFORMED_CSV: e(400, 'The CSV is malformed here: {detail}', 'Tệp CSV bị lỗi định dạng tại đây: {detail}', 'CSV 格式在此处有误：{detail}'),
  BH_SURVEILLANCE_IMPORT_MALFORMED_JSON: e(400, 'The JSON is malformed here: {detail}', 'Tệp JSON bị lỗi định dạng tại đây: {detail}', 'JSON 格式在此处有误：{detail}'),
  BH_SURVEILLANCE_IMPORT_DUPLICATE: e(
    400,
    'The same record as line {line} (records must be unique on {key}).',
    'Trùng bản ghi với dòng {line} (mỗi bản ghi phải là duy nhất theo {key}).',
    '与第 {line} 行为同一记录（记录须按 {key} 唯一）。',
  ),
  BH_SURVEILLANCE_IMPORT_DUPLICATE_VALUE: e(
    400,
    'The same data value as index {line} (dataElement, period, orgUnit, categoryOptionCombo).',
    'Trùng giá trị dữ liệu với chỉ số {line} (dataElement, period, orgUnit, categoryOptionCombo).',
    '与索引 {line} 的数据值重复（dataElement、period、orgUnit、categoryOptionCombo）。',
  ),
  BH_SURVEILLANCE_IMPORT_UNKNOWN_DATA_ELEMENT: e(
    400,
    'dataElement "{value}" is not a {expected}.',
    'dataElement "{value}" không phải là {expected}.',
    'dataElement“{value}”不是{expected}。',
  ),
  BH_SURVEILLANCE_IMPORT_BAD_CATEGORY_COMBO: e(
    400,
    'categoryOptionCombo "{value}" is not <age group>_<sex>, e.g. 25-44_female.',
    'categoryOptionCombo "{value}" không có dạng <nhóm tuổi>_<giới tính>, ví dụ 25-44_female.',
    'categoryOptionCombo“{value}”不符合 <年龄组>_<性别> 格式，例如 25-44_female。',
  ),
  BH_SURVEILLANCE_IMPORT_DELETED_VALUE: e(
    400,
    'Deleted data values cannot be imported.',
    'Không thể nhập giá trị dữ liệu đã bị xóa.',
    '不能导入已删除的数据值。',
  ),
  BH_SURVEILLANCE_IMPORT_STALE_VERSION: e(
    409,
    'The case has changed since version {value} (it is now at version {current}); export it again.',
    'Ca bệnh đã thay đổi kể từ phiên bản {value} (hiện là phiên bản {current}); vui lòng xuất lại.',
    '该病例自版本 {value} 后已被修改（当前版本为 {current}），请重新导出。',
  ),
  BH_SURVEILLANCE_IMPORT_TOO_LARGE: e(413, 'The file is larger than {max} bytes.', 'Tệp lớn hơn {max} byte.', '文件超过 {max} 字节。'),
  BH_SURVEILLANCE_IMPORT_NOT_SUPPORTED: e(
    400,
    '{kind} cannot be exchanged in {format} format.',
    'Không thể trao đổi {kind} ở định dạng {format}.',
    '{kind} 不能以 {format} 格式交换。',
  ),
  BH_SURVEILLANCE_IMPORT_JOB_EXISTS: e(409, 'An import job with id {id} already exists.', 'Đã có lượt nhập dữ liệu với mã {id}.', '编号为 {id} 的导入任务已存在。'),
  BH_SURVEILLANCE_IMPORT_BUSY: e(
    429,
    'Too many imports are running on this node; try again in a minute.',
    'Nút này đang chạy quá nhiều lượt nhập dữ liệu; vui lòng thử lại sau một phút.',
    '本节点正在进行的导入任务过多，请一分钟后重试。',
  ),
  BH_SURVEILLANCE_IMPORT_ABORTED: e(
    400,
    'The upload was interrupted; nothing was imported.',
    'Quá trình tải lên bị gián đoạn; không có dữ liệu nào được nhập.',
    '上传中断，未导入任何数据。',
  ),
});

/** A surveillance error whose message names fields and values in the reader's language. */
export class SurveillanceError extends BhError {
  /** Every problem of the record, when the error stands for a record that breaks rules. */
  problems: Problem[] = [];

  override localized(locale: Locale): string {
    return renderMessage(this.code, this.params, locale);
  }
}

/** A registered message in a locale, with field names and values translated. */
export function renderMessage(code: string, params: Record<string, unknown>, locale: Locale): string {
  const def = errorDefinition(code);
  return def ? translate(def.message, locale, localizeParams(params, locale)) : code;
}

/** The error to answer for a record that breaks rules: the first problem, carrying them all. */
export function problemsError(problems: Problem[]): SurveillanceError {
  const p = problems[0];
  const err = new SurveillanceError(p.code, { field: p.field, ...p.params });
  err.problems = problems;
  return err;
}
