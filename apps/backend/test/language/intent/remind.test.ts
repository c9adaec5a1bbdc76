import { describe, expect, it } from 'vitest';
import { leadTime, snoozeMinutes, takeLead } from '../../../src/language/intent/remind';
import { read } from './summary';

/*
 * Reminder requests → meaning, as tables: what people type on the left, a short summary of what must happen on
 * the right. Friday 2026-11-27 18:05 in Los Angeles (Saturday 07:05 in Karachi, for the Urdu rows).
 */
const NOW = new Date('2026-11-28T02:05:00Z');
const LA = { now: NOW, zone: 'America/Los_Angeles' };
const PK = { now: NOW, zone: 'Asia/Karachi' };

describe('reminder requests', () => {
  it.each([
    // a new task with a reminder when it is due
    ['remind me at 5pm to call mom', 'add Call mom | due 2026-11-28 17:00 | remind before PT0S'],
    ['remind me to call mom at 5pm', 'add Call mom | due 2026-11-28 17:00 | remind before PT0S'],
    [
      'set a reminder for 7:30pm to put the bins out',
      'add Put the bins out | due 2026-11-27 19:30 | remind before PT0S',
    ],
    [
      'remind me in 20 minutes to take the pizza out',
      'add Take the pizza out | due 2026-11-27 18:25 | remind before PT0S',
    ],
    [
      'remind me to pay rent on the 1st of every month',
      'add Pay rent | repeat FREQ=MONTHLY;BYMONTHDAY=1 | remind before PT0S',
    ],
    [
      'remind me to water the plants every sunday morning',
      'add Water the plants | repeat FREQ=WEEKLY;BYDAY=SU | remind before PT0S',
    ],
    [
      'remind me to feed the cat at 6pm, 15 minutes before',
      'add Feed the cat | due 2026-11-28 18:00 | remind before PT15M',
    ],
    ['remind me to renew my passport', 'add Renew my passport | remind: ask when'],
    [
      'can you remind me to call the bank at 3?',
      'add Call the bank | due 2026-11-28 15:00 | remind before PT0S',
    ],
    [
      'remind me at 4:45 to leave for the station',
      'add Leave for the station | due 2026-11-28 16:45 | remind before PT0S',
    ],
    ['remind me in an hour', 'remind it at 2026-11-27 19:05'],
    ['remind me at 9 tomorrow', 'remind it at 2026-11-28 09:00'],
    // a lead time on the task in context, or named
    ['remind me 10 minutes before', 'update it: +remind before PT10M'],
    ['ping me an hour before the dentist', 'update "dentist": +remind before PT1H'],
    ['remind me half an hour before task 4', 'update #4: +remind before PT30M'],
    ['nudge me a day before the passport appointment', 'update "passport appointment": +remind before P1D'],
    ['remind me 2 hrs before my flight', 'update "flight": +remind before PT2H'],
    ['also remind me 5 min before', 'update it: +remind before PT5M'],
    ['remind me when it is due', 'update it: +remind before PT0S'],
    ['ping me when the laundry is due', 'update "laundry": +remind before PT0S'],
    [
      'remind me an hour before my dentist appointment tomorrow',
      'update "dentist appointment": +remind before PT1H',
    ],
    ['remind me again tomorrow', 'remind it at 2026-11-28 09:00'],
    ['remind me about it again at 7pm', 'remind it at 2026-11-27 19:00'],
    ['remind me later', 'snooze it 10 min'],
    ['remind me', 'ask remind_what'],
    ['remind me the day before', 'update it: +remind before P1D'],
    // a time, on the task named (or a new one when nothing has that name)
    ['remind me about the report tomorrow at 9', 'remind "report" at 2026-11-28 09:00 (else add Report)'],
    ['remind me tomorrow at 9 about the report', 'remind "report" at 2026-11-28 09:00 (else add Report)'],
    ['remind me about task 3 at noon', 'remind #3 at 2026-11-28 12:00'],
    ['remind me about the meeting', 'remind "meeting" (else add Meeting)'],
    // stopping them
    ['no reminders for the gym task', 'update "gym": reminders off'],
    ['stop reminding me about the gym', 'update "gym": reminders off'],
    ["don't remind me about task 3 anymore", 'update #3: reminders off'],
    ['turn off the reminders for the dentist', 'update "dentist": reminders off'],
    ['cancel the reminder on task 2', 'update #2: reminders off'],
    ['stop reminding me', 'update it: reminders off'],
    ['remove the dentist reminder', 'update "dentist": reminders off'],
    ["turn off task 3's reminder", 'update #3: reminders off'],
    // a new time for a task's reminder replaces its rules; a reminder change not understood only asks
    ['change the dentist reminder to 30 minutes before', 'update "dentist": reminders=before PT30M'],
    ['move the reminder for task 2 to 6pm', 'update #2: reminders=at 2026-11-28 18:00'],
    ['delete the reminder thing for the dentist', 'ask which_reminder'],
    // snoozing
    ['snooze', 'snooze it 10 min'],
    ['snooze it 10 minutes', 'snooze it 10 min'],
    ['snooze for half an hour', 'snooze it 30 min'],
    ['snooze 5', 'snooze it 5 min'],
    ['remind me again in an hour', 'snooze it 60 min'],
    ['remind me about it again in 20 min', 'snooze it 20 min'],
    ['snooze the dentist reminder for 15 minutes', 'snooze "dentist" 15 min'],
    // not reminders: lists, and moving a task
    ["remind me what's due today", 'list {"status":"pending","due":"today"}'],
    ['remind me of my tasks', 'list {"status":"pending","doneHidden":true}'],
    ['snooze the dentist to monday', 'update "dentist": due=2026-11-30 09:00'],
  ])('GIVEN "%s" THEN it reads as: %s', (message, meaning) => {
    expect(read(message, LA)).toBe(meaning);
  });

  it.each([
    [
      'shaam 5 baje ammi ko call karna yaad dila dena',
      'add Ammi ko call karna | due 2026-11-28 17:00 | remind before PT0S',
    ],
    [
      'mujhe kal subah 9 baje bank jana yaad dila dena',
      'add Bank jana | due 2026-11-29 09:00 | remind before PT0S',
    ],
    ['10 minute pehle yaad dila dena', 'update it: +remind before PT10M'],
    ['dentist se 1 ghanta pehle yaad dila dena', 'update "dentist": +remind before PT1H'],
    ['adha ghanta pehle yaad dilana', 'update it: +remind before PT30M'],
    ['gym ka reminder band karo', 'update "gym": reminders off'],
    ['10 minute baad dobara yaad dilana', 'snooze it 10 min'],
    [
      'شام 5 بجے امی کو فون کرنا یاد دلا دیں',
      'add امی کو فون کرنا | due 2026-11-28 17:00 | remind before PT0S',
    ],
    ['10 منٹ پہلے یاد دلائیں', 'update it: +remind before PT10M'],
    ['جم کی یاد دہانی بند کریں', 'update "جم": reminders off'],
    [
      'mujhe 5 baje yaad dilana ke doodh lena hai',
      'add Doodh lena | due 2026-11-28 17:00 | remind before PT0S',
    ],
    ['kal 10 baje meeting ki yaad dila dena', 'remind "Meeting" at 2026-11-29 10:00 (else add Meeting)'],
    ['reminder laga do shaam 7 baje gym jana', 'add Gym jana | due 2026-11-28 19:00 | remind before PT0S'],
    ['dentist ka reminder 1 ghanta pehle laga do', 'update "dentist": +remind before PT1H'],
    ['mujhe yaad dila dena', 'ask remind_what'],
  ])('GIVEN Urdu "%s" THEN it reads as: %s', (message, meaning) => {
    expect(read(message, PK)).toBe(meaning);
  });
});

describe('amounts of time', () => {
  it.each([
    ['10 minutes', 'PT10M'],
    ['10min', 'PT10M'],
    ['an hour', 'PT1H'],
    ['1 hr', 'PT1H'],
    ['half an hour', 'PT30M'],
    ['an hour and a half', 'PT90M'],
    ['1.5 hours', 'PT90M'],
    ['a day', 'P1D'],
    ['the day', 'P1D'],
    ['2 weeks', 'P2W'],
    ['a couple of hours', 'PT2H'],
    ['forty-five minutes', 'PT45M'],
  ])('GIVEN "%s" before THEN the lead time is %s', (text, iso) => {
    expect(leadTime(text)).toBe(iso);
  });

  it.each(['soon', 'a while', '5 weeks', '0 minutes', 'ten', ''])(
    'GIVEN "%s" THEN it is no lead time (unreadable, or past the 30-day limit)',
    (text) => {
      expect(leadTime(text)).toBeNull();
    },
  );

  it('GIVEN a snooze THEN it is whole minutes up to a week', () => {
    expect(snoozeMinutes('an hour')).toBe(60);
    expect(snoozeMinutes('2 days')).toBe(2880);
    expect(snoozeMinutes('8 days')).toBeNull();
  });

  it('GIVEN a request ending in a lead time THEN it comes off the end, and only the end', () => {
    expect(takeLead('call mom at 5, 10 minutes before')).toEqual({ lead: 'PT10M', rest: 'call mom at 5' });
    expect(takeLead('call mom at 5 and remind me when it is due')).toEqual({
      lead: 'PT0S',
      rest: 'call mom at 5',
    });
    expect(takeLead('read 10 minutes before bed')).toEqual({
      lead: undefined,
      rest: 'read 10 minutes before bed',
    });
  });
});
