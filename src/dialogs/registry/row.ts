import { normalize, readIdNumber, readMobilePhone, readPersonName, readRoom, type Room } from '../answers/index.ts';

/**
 * One row of a committee's base registry (property company, door system, household office), read
 * like the answers of the form: the name, ID number and phone checked, the address read into
 * building / unit / room or lane / number / room. Pure.
 */

export const registryFields = ['name', 'id_number', 'phone', 'address', 'ref'] as const;
export type RegistryField = (typeof registryFields)[number];

/** The headings a registry's columns go by, in English and Chinese. */
const HEADINGS: Readonly<Record<RegistryField, readonly string[]>> = {
  name: ['name', '姓名', '名字', '住户姓名', '居民姓名'],
  id_number: ['id_number', 'idnumber', 'id', '身份证号', '身份证号码', '身份证', '证件号码', '证件号'],
  phone: ['phone', 'mobile', '手机号', '手机号码', '手机', '电话', '联系电话', '联系方式'],
  address: ['address', '住址', '地址', '房号', '门牌', '居住地址', '现住址'],
  ref: ['ref', '编号', '序号', '人员编号', '档案号'],
};

const headingKey = (text: string) => normalize(text).toLowerCase().replace(/[\s_()（）:：*]/g, '');

/** Which field each column holds, by its heading; null for a column that is none of them. */
export function registryColumns(headings: readonly string[]): (RegistryField | null)[] {
  return headings.map((heading) => {
    const key = headingKey(heading);
    const field = registryFields.find((candidate) => HEADINGS[candidate].some((known) => headingKey(known) === key));
    return field ?? null;
  });
}

export interface RegistryRow {
  name: string;
  idNumber: string | null;
  phone: string | null;
  address: Room;
  ref: string | null;
}

/** Why a row is not imported: a reason code of the answer readers, or one of the registry's own. */
export type RegistryRowResult = { ok: true; row: RegistryRow } | { ok: false; reasons: string[] };

const MOBILE = /^1[3-9]\d{9}$/;
const ID = /^\d{17}[\dXx]$/;

export function readRegistryRow(cells: Partial<Record<RegistryField, string>>, today: string): RegistryRowResult {
  const reasons: string[] = [];
  const text = (field: RegistryField) => normalize(cells[field] ?? '');
  const name = readPersonName(text('name'));
  if (!name.ok) reasons.push(name.reason);

  let idNumber: string | null = null;
  const idText = text('id_number').replace(/\s/g, '');
  if (idText !== '') {
    const read = readIdNumber(idText, today);
    if (read.ok) idNumber = read.value.idNumber;
    else reasons.push(read.reason);
  }

  let phone: string | null = null;
  const phoneText = text('phone').replace(/[\s-]/g, '');
  if (phoneText !== '') {
    // Most cells are eleven plain digits: the full reader is for the others.
    const read = MOBILE.test(phoneText) ? { ok: true as const, value: phoneText } : readMobilePhone(phoneText);
    if (read.ok) phone = read.value;
    else reasons.push(read.reason);
  }

  const addressText = text('address');
  const address = addressText === '' ? null : readRoom(addressText);
  if (address === null) reasons.push('registry.no-address');
  else if (!address.ok) reasons.push(address.reason);
  else if (address.value.building === null && address.value.street === null) reasons.push('room.unreadable');

  if (reasons.length > 0 || !name.ok || address === null || !address.ok) return { ok: false, reasons };
  const ref = text('ref');
  return { ok: true, row: { name: name.value, idNumber: idNumber === null || ID.test(idNumber) ? idNumber : null, phone, address: address.value, ref: ref === '' ? null : ref } };
}
