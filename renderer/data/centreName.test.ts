import { describe, expect, it } from 'vitest';
import { simulatedMachine } from '../testing/node-desk';
import { adoptCentre } from './enrolment';
import { CentreNameRefused, nameCentre } from './desk';

describe('the centre’s name at the first start', () => {
  it('is kept in the desk’s settings across a restart, until enrolment gives the district’s', async () => {
    const machine = simulatedMachine({ collections: ['staff'] });
    const desk = await machine.open();
    await expect(nameCentre(desk, '   ')).rejects.toEqual(new CentreNameRefused('required'));
    await expect(nameCentre(desk, '长'.repeat(41))).rejects.toEqual(
      new CentreNameRefused('tooLong'),
    );
    await nameCentre(desk, ' 幸福里  社区养老托育中心 ');
    expect(desk.settings.centreName).toBe('幸福里 社区养老托育中心');
    await desk.db.close();

    const again = await machine.open();
    expect(again.settings.centreName).toBe('幸福里 社区养老托育中心');
    await adoptCentre(again, {
      centreId: 'c-1',
      centreName: '幸福里社区养老托育服务中心',
      deviceId: 'dev-1',
      districtUrl: 'http://district.test',
    });
    expect(again.settings.centreName).toBe('幸福里社区养老托育服务中心');
    await expect(nameCentre(again, '别的名字')).rejects.toEqual(new CentreNameRefused('enrolled'));
    await again.db.close();
  });
});
