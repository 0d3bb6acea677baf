import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TreeNode } from '../api/directory';
import { renderScreen } from '../testing/render';
import { UnitTree } from './unit-tree';

const commune: TreeNode = {
  unitId: 'c-1',
  code: '08707',
  unitType: 'commune-police',
  nameVi: 'Công an phường Tích Sơn',
  nameEn: 'Tich Son Ward Police',
  areaCode: '08707',
  children: [],
};
const district: TreeNode = {
  unitId: 'd-1',
  code: '243',
  unitType: 'district-police',
  nameVi: 'Công an thành phố Vĩnh Yên',
  nameEn: 'Vinh Yen City Police',
  areaCode: '243',
  children: [commune],
};
const province: TreeNode = {
  unitId: 'p-1',
  code: '26',
  unitType: 'provincial-police',
  nameVi: 'Công an tỉnh Vĩnh Phúc',
  nameEn: 'Vinh Phuc Provincial Police',
  areaCode: '26',
  children: [district],
};

describe('UnitTree', () => {
  it('opens on the province, and a disclosure button named after the unit shows and hides what is below it', async () => {
    await renderScreen(<UnitTree roots={[province]} on="2022-05-01" />);
    expect(screen.getByRole('button', { name: 'Đơn vị trực thuộc Công an tỉnh Vĩnh Phúc' }).getAttribute('aria-expanded')).toBe('true');
    const districtToggle = screen.getByRole('button', { name: 'Đơn vị trực thuộc Công an thành phố Vĩnh Yên' });
    expect(districtToggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('link', { name: 'Công an phường Tích Sơn' })).toBeNull();

    fireEvent.click(districtToggle);
    expect(districtToggle.getAttribute('aria-expanded')).toBe('true');
    const link = screen.getByRole('link', { name: 'Công an phường Tích Sơn' });
    expect(link.getAttribute('href')).toBe('/units/c-1?on=2022-05-01');
  });

  it('names units in English after the switch', async () => {
    await renderScreen(<UnitTree roots={[province]} on="2022-05-01" />, { language: 'en' });
    expect(screen.getByRole('link', { name: 'Vinh Phuc Provincial Police' })).toBeTruthy();
    expect(screen.getAllByText(/· 1 unit below/)).toHaveLength(2);
  });
});
