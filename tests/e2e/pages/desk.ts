import { expect, type Locator, type Page } from '@playwright/test';

export interface NewMember {
  kind?: 'elder' | 'child';
  name: string;
  gender: 'M' | 'F';
  birthDate: string;
  idNumber?: string;
  phone?: string;
  allergies?: string;
  /** Elder categories, as their Chinese labels ('低保'). */
  categories?: string[];
  /** Children: the guardian (a default one when left out) and pick-up adults. */
  guardian?: Adult;
  pickupAdults?: Adult[];
  vaccinationChecked?: boolean;
  consent?: { by: string; relation: string };
}

export interface Adult {
  name: string;
  relation: string;
  phone: string;
}

export interface StaffLogin {
  name: string;
  pin: string;
}

/** The manager every test desk is set up with on its first start (a manager's password). */
export const MANAGER: StaffLogin = { name: '周站长', pin: 'zhou2580' };

/** The desk as a receptionist sees it, in Chinese (the default language). */
export class DeskPage {
  readonly finder: Locator;
  readonly inBuilding: Locator;
  /** Everyone listed in the building, one row each. */
  readonly presentRows: Locator;
  readonly statusBar: Locator;

  constructor(readonly page: Page) {
    this.finder = page.getByRole('textbox', {
      name: '查找成员（姓名、拼音、首字母、手机号或扫码）',
    });
    this.inBuilding = page.getByRole('region', { name: '在馆人员' });
    this.presentRows = this.inBuilding.locator('li.present');
    this.statusBar = page.locator('footer.statusbar');
  }

  /**
   * Opens the desk and logs in: on a new desk, sets up its manager first (the first-start
   * screen); otherwise picks `as` (default: the manager) and types the PIN.
   */
  async open(as: StaffLogin = MANAGER): Promise<void> {
    await this.page.goto('/');
    await this.logIn(as);
  }

  async reload(as: StaffLogin = MANAGER): Promise<void> {
    await this.page.reload();
    await this.logIn(as);
  }

  async logIn(as: StaffLogin = MANAGER): Promise<void> {
    const setup = this.page.getByRole('heading', { name: '首次使用：设置站长' });
    const pick = this.page.getByRole('list', { name: '工作人员' });
    await expect(setup.or(pick)).toBeVisible();
    if (await setup.isVisible()) {
      await this.page.getByLabel('站长姓名').fill(MANAGER.name);
      await this.page.getByLabel('站长密码（至少 8 位，含字母和数字）').fill(MANAGER.pin);
      await this.page.getByLabel('再输一次密码').fill(MANAGER.pin);
      await this.page.getByRole('button', { name: '保存并登录' }).click();
    } else {
      await pick.getByRole('button', { name: as.name }).click();
      await this.page.getByLabel(`${as.name} 的密码`).fill(as.pin);
      await this.page.getByLabel(`${as.name} 的密码`).press('Enter');
    }
    await expect(this.finder).toBeVisible();
  }

  /** Locks the desk (切换人员) and logs in as someone else. */
  async switchTo(as: StaffLogin): Promise<void> {
    await this.page.getByRole('button', { name: '切换人员' }).click();
    await this.logIn(as);
  }

  async goTo(
    tab:
      | '签到签退'
      | '登记新成员'
      | '设置'
      | '员工'
      | '缺勤'
      | '操作日志'
      | '人员'
      | '导入'
      | '助餐'
      | '活动'
      | '探访'
      | '健康记录',
  ): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'main' })
      .getByRole('button', { name: tab })
      .click();
  }

  async register(member: NewMember): Promise<void> {
    await this.goTo('登记新成员');
    const form = this.page.getByRole('form', { name: '登记新成员' });
    await form.getByLabel(member.kind === 'child' ? '幼儿' : '老人').check();
    await form.getByLabel('姓名', { exact: true }).first().fill(member.name);
    if (member.idNumber) await form.getByLabel('身份证号（可选）').fill(member.idNumber);
    await form.getByLabel(member.gender === 'M' ? '男' : '女').check();
    await form.getByLabel('出生日期').fill(member.birthDate);
    if (member.phone) await form.getByLabel('手机号（可选）').fill(member.phone);
    if (member.allergies) await form.getByLabel('过敏（可选，用顿号分隔）').fill(member.allergies);
    for (const c of member.categories ?? []) await form.getByLabel(c, { exact: true }).check();
    if (member.kind === 'child') {
      const guardian = member.guardian ?? {
        name: '李建国',
        relation: '父亲',
        phone: '13912345678',
      };
      const group = form.getByRole('group', { name: '监护人' });
      await group.getByLabel('姓名').fill(guardian.name);
      await group.getByLabel('关系').fill(guardian.relation);
      await group.getByLabel('手机号').fill(guardian.phone);
      for (const [i, adult] of (member.pickupAdults ?? []).entries()) {
        if (i > 0) await form.getByRole('button', { name: '再加一位接送人' }).click();
        const pickup = form.getByRole('group', { name: `接送人 ${i + 1}` });
        await pickup.getByLabel('姓名').fill(adult.name);
        await pickup.getByLabel('关系').fill(adult.relation);
        await pickup.getByLabel('手机号').fill(adult.phone);
      }
      if (member.vaccinationChecked) await form.getByLabel('已查验预防接种证').check();
    }
    if (member.consent) {
      await form.getByLabel(/已签署/).check();
      await form.getByLabel('签署人').fill(member.consent.by);
      await form.getByLabel('与本人关系').fill(member.consent.relation);
    }
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await expect(
      this.page.getByRole('status').filter({ hasText: `已登记 ${member.name}` }),
    ).toBeVisible();
  }

  /** Types into the finder and presses Enter, as a barcode scanner or a fast receptionist does. */
  async checkInByTyping(text: string): Promise<void> {
    await this.goTo('签到签退');
    await this.finder.fill(text);
    await this.finder.press('Enter');
  }

  presentRow(name: string): Locator {
    return this.presentRows.filter({ hasText: name });
  }

  async checkOut(name: string): Promise<void> {
    await this.presentRow(name).getByRole('button', { name: '签退' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: `${name} 已签退` })).toBeVisible();
  }

  async enrol(districtUrl: string, code: string): Promise<void> {
    await this.goTo('设置');
    await this.page.getByLabel('区级服务器地址').fill(districtUrl);
    await this.page.getByLabel('一次性登记码').fill(code);
    await this.page.getByRole('button', { name: '登记本机' }).click();
  }

  async expectSynced(): Promise<void> {
    await expect(this.statusBar).toHaveAttribute('data-sync-mode', 'online', { timeout: 20_000 });
    await expect(this.statusBar.locator('.pending')).toHaveAttribute('data-pending', '0', {
      timeout: 20_000,
    });
  }
}
