import { describe, expect, it } from 'vitest';
import { normalize } from '../../../src/language/intent/normalize';

/*
 * The typo fixer may only ever turn a mistyped command word into the command meant. A real word turned into a
 * command changes what happens to the user's tasks ("undelete that" once deleted the task just talked about).
 */
describe('normalize', () => {
  it.each([
    ['delte task 2', 'delete task 2'],
    ['compelte task 3', 'complete task 3'],
    ['pls mrak task 2 done', 'please mark task 2 done'],
    ['reshcedule the dentist to monday', 'reschedule the dentist to monday'],
    ['remmind me to call mom', 'remind me to call mom'],
    ['lsit my tasks', 'list my tasks'],
  ])('GIVEN the typo in "%s" THEN it reads "%s"', (typed, meant) => {
    expect(normalize(typed)).toBe(meant);
  });

  it.each([
    // the opposite of a command, with the command inside it
    'undelete that',
    'unmark task 3',
    'uncomplete it',
    // real words one or two letters from a command word
    'delegate task 2 to Sam',
    'deplete the old stock',
    'charge the car tonight',
    'compete in the 10k on sunday',
    'add compete in the 10k',
    'crease the trousers',
    'postcode for the form',
    'priorities for today?',
    'remand hearing on monday',
    'schedule a call with Ana',
  ])('GIVEN "%s" THEN no word is changed', (typed) => {
    expect(normalize(typed)).toBe(typed);
  });
});
