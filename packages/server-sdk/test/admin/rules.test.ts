import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canGrant, canManage, isWriter, lastAdministratorViolation, readerRoles } from '../../src/core/roles.js';
import * as legacy from '../../src/admin/rules.js';

describe('administration role rules', () => {
  it('lets a super_admin grant every role and an admin only manager', () => {
    for (const role of ['super_admin', 'admin', 'manager']) assert.equal(canGrant(['super_admin'], role), true, role);
    assert.equal(canGrant(['admin'], 'manager'), true);
    assert.equal(canGrant(['admin'], 'admin'), false);
    assert.equal(canGrant(['admin'], 'super_admin'), false);
    assert.equal(canGrant(['manager'], 'manager'), false, 'managers only read');
    assert.equal(canGrant([], 'manager'), false);
  });

  it('ranks viewer below manager: admins grant and manage viewers, viewers and managers only read', () => {
    assert.deepEqual(readerRoles, ['super_admin', 'admin', 'manager', 'viewer']);
    assert.equal(canGrant(['admin'], 'viewer'), true);
    assert.equal(canGrant(['super_admin'], 'viewer'), true);
    for (const reader of [['viewer'], ['manager'], ['manager', 'viewer']]) {
      for (const role of ['viewer', 'manager', 'admin', 'super_admin']) assert.equal(canGrant(reader, role), false, `${reader} grants ${role}`);
      assert.equal(canManage(reader, []), false, `${reader} manages a plain user`);
      assert.equal(isWriter(reader), false);
    }
    assert.equal(canManage(['admin'], ['viewer']), true);
    assert.equal(canManage(['admin'], ['viewer', 'admin']), false, 'the highest role counts');
    assert.equal(isWriter(['viewer', 'admin']), true);
  });

  it('keeps the rules importable from admin/rules', () => {
    assert.equal(legacy.canGrant, canGrant);
    assert.deepEqual(legacy.adminRoles, ['super_admin', 'admin', 'manager', 'viewer']);
  });

  it('lets an admin manage only accounts ranked below admin', () => {
    assert.equal(canManage(['admin'], []), true);
    assert.equal(canManage(['admin'], ['manager']), true);
    assert.equal(canManage(['admin'], ['admin']), false);
    assert.equal(canManage(['admin'], ['super_admin']), false);
    assert.equal(canManage(['super_admin'], ['super_admin']), true);
    assert.equal(canManage(['manager'], []), false);
  });

  it('keeps one enabled super_admin and one enabled administrator', () => {
    const root = { id: 'r', roles: ['super_admin'], disabled: false };
    const ada = { id: 'a', roles: ['admin'], disabled: false };
    assert.match(lastAdministratorViolation([root, ada], [{ ...root, disabled: true }, ada]) ?? '', /super_admin/);
    assert.match(lastAdministratorViolation([root, ada], [{ ...root, roles: ['admin'] }, ada]) ?? '', /super_admin/);
    assert.equal(lastAdministratorViolation([root, ada], [root, { ...ada, roles: [] }]), null);
    assert.match(lastAdministratorViolation([ada], [{ ...ada, disabled: true }]) ?? '', /administrator/);
    assert.equal(lastAdministratorViolation([root, { ...root, id: 'r2' }], [root, { id: 'r2', roles: [], disabled: false }]), null);
    assert.equal(lastAdministratorViolation([], [{ id: 'x', roles: ['manager'], disabled: false }]), null);
  });
});
