import { describe, expect, it } from 'vitest';
import { createTaskSchema, taskIdSchema, updateTaskSchema } from '../src/tasks';

describe('taskIdSchema', () => {
  it.each([
    [3, 3],
    ['3', 3],
    ['2147483647', 2147483647],
  ])('GIVEN %j THEN it is task %i', (input, id) => {
    expect(taskIdSchema.parse(input)).toBe(id);
  });

  it.each([
    [true],
    [false],
    [[3]],
    [' 3 '],
    ['3a'],
    ['0x3'],
    ['1e2'],
    [''],
    [null],
    [{}],
    [0],
    [-1],
    [1.5],
    ['2147483648'],
    [Number.NaN],
  ])('GIVEN %j THEN it is rejected (never coerced into a real id)', (input) => {
    expect(taskIdSchema.safeParse(input).success).toBe(false);
  });
});

describe('task input schemas', () => {
  it('GIVEN a title with spaces and duplicate tags THEN they are trimmed and de-duplicated', () => {
    expect(createTaskSchema.parse({ title: '  milk ', tags: ['a', ' a', 'b'] })).toEqual({
      title: 'milk',
      tags: ['a', 'b'],
    });
  });

  it('GIVEN an empty patch or an unknown field THEN it is rejected', () => {
    expect(updateTaskSchema.safeParse({}).success).toBe(false);
    expect(updateTaskSchema.safeParse({ title: 'x', owner: 'y' }).success).toBe(false);
  });
});
