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
  /** Special diets, as their Chinese labels ('低盐'). */
  diets?: string[];
  /** Children: the guardian (a default one when left out) and pick-up adults. */
  guardian?: Adult;
  pickupAdults?: Adult[];
  vaccinationChecked?: boolean;
  /**
   * The consents signed, purpose by purpose. A child's guardian always consents to the child's
   * data (a child is registered only so): without `consent`, the guardian below signs for that.
   */
  consent?: { by: string; relation: string; scopes?: ConsentPurpose[] };
  /** The pinyin typed over the one the form fills in (a rare character's reading). */
  pinyin?: string;
}

/** The purposes of the registration form's consent boxes. */
export type ConsentPurpose = 'childData' | 'idNumber' | 'health' | 'photo' | 'districtSharing';

/** Each purpose's box, by the start of its label on the form. */
export const CONSENT_BOX: Record<ConsentPurpose, string> = {
  childData: '监护人同意本中心收集和使用幼儿的个人信息',
  idNumber: '记录身份证号',
  health: '记录健康信息',
  photo: '保存接送人照片',
  districtSharing: '向区民政部门提供个人信息',
};

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

  constructor(
    readonly page: Page,
    /** The centre's name typed at the first start. */
    readonly centreName = '幸福里社区中心',
  ) {
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
      await this.page.getByLabel('中心名称').fill(this.centreName);
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
    await form.getByRole('radio', { name: member.kind === 'child' ? '幼儿' : '老人' }).check();
    await form.getByLabel('姓名', { exact: true }).first().fill(member.name);
    if (member.pinyin) await form.getByLabel('拼音（查找用）').fill(member.pinyin);
    if (member.idNumber) await form.getByLabel('身份证号（可选）').fill(member.idNumber);
    await form.getByLabel(member.gender === 'M' ? '男' : '女').check();
    await form.getByLabel('出生日期').fill(member.birthDate);
    if (member.phone) await form.getByLabel('手机号（可选）').fill(member.phone);
    if (member.allergies) await form.getByLabel('过敏（可选，用顿号分隔）').fill(member.allergies);
    for (const c of member.categories ?? []) await form.getByLabel(c, { exact: true }).check();
    for (const d of member.diets ?? []) await form.getByLabel(d, { exact: true }).check();
    const guardian = member.guardian ?? {
      name: '李建国',
      relation: '父亲',
      phone: '13912345678',
    };
    if (member.kind === 'child') {
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
    const consent =
      member.consent ??
      (member.kind === 'child' ? { by: guardian.name, relation: guardian.relation } : null);
    if (consent) {
      const purposes = new Set(consent.scopes ?? []);
      if (member.kind === 'child') purposes.add('childData');
      for (const purpose of purposes) await form.getByLabel(CONSENT_BOX[purpose]).check();
      await form.getByLabel(/^签署人/).fill(consent.by);
      await form.getByLabel('与本人关系').fill(consent.relation);
    }
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await expect(
      this.page.getByRole('status').filter({ hasText: `已登记 ${member.name}` }),
    ).toBeVisible();
  }

  /** The registration form, open on the screen. */
  registrationForm(): Locator {
    return this.page.getByRole('form', { name: '登记新成员' });
  }

  /** Opens a person's record from the people list, and returns it. */
  async openPerson(name: string): Promise<PersonRecordPage> {
    await this.goTo('人员');
    await this.page.getByLabel('查找（姓名、拼音、首字母、手机号、卡号）').fill(name);
    await this.page
      .getByRole('listitem')
      .filter({ hasText: name })
      .getByRole('button', { name: '查看' })
      .click();
    return new PersonRecordPage(this.page.getByRole('region', { name }));
  }

  /** The manager adds a staff member with a PIN, on the staff screen. */
  async addStaff(who: StaffLogin, role: string): Promise<void> {
    await this.goTo('员工');
    const form = this.page.getByRole('form', { name: '添加员工' });
    await form.getByLabel('姓名').fill(who.name);
    await form.getByLabel('岗位').selectOption({ label: role });
    await form.getByLabel('个人密码（4–8 位数字）').fill(who.pin);
    await form.getByRole('button', { name: '保存员工' }).click();
    await expect(
      this.page.getByRole('status').filter({ hasText: `已添加 ${who.name}` }),
    ).toBeVisible();
  }

  /** Registers a member and returns the card number the desk gave them. */
  async registerWithCard(member: NewMember): Promise<string> {
    await this.register(member);
    const text = await this.page
      .getByRole('status')
      .filter({ hasText: `已登记 ${member.name}` })
      .textContent();
    const card = /卡号 (\d{8})/.exec(text ?? '')?.[1];
    expect(card, `card number in “${text}”`).toBeTruthy();
    return card!;
  }

  /** A scanner types the card number and Enter, faster than any person. */
  async scan(card: string): Promise<void> {
    await this.finder.focus();
    await this.page.keyboard.type(card, { delay: 5 });
    await this.page.keyboard.press('Enter');
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
    try {
      await expect(this.statusBar).toHaveAttribute('data-sync-mode', 'online', {
        timeout: 20_000,
      });
    } catch (failure) {
      // What the receptionist reads says why (the error's code and words), which the attribute
      // alone does not: a failure in CI then names its cause.
      const said = await this.statusBar.innerText().catch(() => '(status bar unreadable)');
      throw new Error(`the desk did not get in sync; its status bar says: ${said}`, {
        cause: failure,
      });
    }
    await expect(this.statusBar).toHaveAttribute('data-pending', '0', {
      timeout: 20_000,
    });
  }
}

/** A person's record on the people screen, with its consents. */
export class PersonRecordPage {
  readonly consents: Locator;

  constructor(readonly region: Locator) {
    this.consents = region.getByRole('region', { name: '信息使用同意' });
  }

  /** The row of one purpose in the consents table. */
  consentRow(purpose: ConsentPurpose): Locator {
    return this.consents.getByRole('row').filter({ hasText: CONSENT_BOX[purpose] });
  }

  /** Withdraws the consent to `purpose`, asked for by `requestedBy`. */
  async withdraw(purpose: ConsentPurpose, requestedBy: string): Promise<void> {
    await this.consentRow(purpose).getByRole('button', { name: '撤回' }).click();
    const form = this.consents.getByRole('group', { name: /撤回同意/ });
    await form.getByLabel('提出撤回的人').fill(requestedBy);
    await form.getByRole('button', { name: '确认撤回' }).click();
  }
}
