import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../src/language/intent/parse';
import { read } from './summary';

/*
 * Message → meaning, as a table. Each row is something people type; the right side is what must happen, written
 * as a short summary so the table stays readable. Friday 2026-11-27 18:05 in Los Angeles.
 */
const CTX = { now: new Date('2026-11-28T02:05:00Z'), zone: 'America/Los_Angeles' };

describe('parseMessage', () => {
  it.each([
    // adding, with the fields people say in one breath
    ['add a task to buy milk tomorrow', 'add Buy milk | due 2026-11-28 09:00'],
    ['Buy milk tomorrow at 5pm #Shopping', 'add Buy milk | due 2026-11-28 17:00 | #shopping'],
    ['remind me to call mom tonight', 'add Call mom | due 2026-11-27 20:00 | remind before PT0S'],
    ["don't let me forget to renew my passport, it's urgent", 'add Renew my passport | p=high'],
    ['add water plants every sunday', 'add Water plants | repeat FREQ=WEEKLY;BYDAY=SU'],
    ['add mark 10 essays', 'add Mark 10 essays'],
    ['add decorate 2 rooms', 'add Decorate 2 rooms'],
    ['add call Marco 3 times', 'add Call Marco 3 times'],
    ['add buy sun cream', 'add Buy sun cream'],
    ['add prepare the sunday school lesson', 'add Prepare the sunday school lesson'],
    ['Add three tasks: buy milk, walk dog, and pay bills', 'add Buy milk / Walk dog / Pay bills'],
    ['add milk, eggs and bread', 'add Milk / Eggs / Bread'],
    ['add call mom and dad', 'add Call mom and dad'],
    ['add call mom and pay the phone bill', 'add Call mom / Pay the phone bill'],
    ['add clean garage when I have time', 'add Clean garage | p=low'],
    ['add URGENT!!! call the vet', 'add Call the vet | p=high'],
    ['add fix urgent bug', 'add Fix urgent bug'],
    ['add book flights with a note: window seat please', 'add Book flights | note=window seat'],
    ['add team standup notes at 5pm', 'add Team standup notes | due 2026-11-28 17:00'],
    [
      'could you please add a task to book a table for saturday dinner? thanks!',
      'add Book a table for saturday dinner',
    ],
    // lists and searches
    ["what's still pending?", 'list {"status":"pending"}'],
    ['Show me my high priority tasks', 'list {"status":"pending","priority":"high"}'],
    ["What's due today?", 'list {"status":"pending","due":"today"}'],
    ["what's overdue?", 'list {"status":"pending","due":"overdue"}'],
    ['find tasks about taxes', 'list {"status":"all","text":"taxes"}'],
    ['how many tasks do I have left?', 'list {"status":"pending"} count'],
    ['show task 3', 'list {"status":"all","numbers":[3]}'],
    ['#work', 'list {"status":"all","tag":"work"}'],
    // completing and reopening
    ['mark task 3 as done', 'complete #3'],
    ['I bought the groceries', 'complete ~"buy the groceries"'],
    ['task 2 is done', 'complete #2'],
    ['actually, uncomplete it', 'reopen it'],
    ['reopen task 1', 'reopen #1'],
    ['mark it as not done', 'reopen it'],
    // updates never rename by accident
    ['Change task 4 to have high priority', 'update #4: priority=high'],
    ["Update the 'Submit report' task to be due tomorrow", 'update "Submit report": due=2026-11-28 09:00'],
    ['Change the time of standup to 3pm', 'update "standup": time=15h'],
    [
      'Update task 2 to submit project report tomorrow at 6 PM',
      'update #2: title=Submit project report due=2026-11-28 18:00',
    ],
    ['rename buy milk to buy oat milk', 'update "buy milk": title=Buy oat milk'],
    ["Remove tag Work from 'Email client'", 'update "Email client": -work'],
    ['tag task 4 as work', 'update #4: +work'],
    ['add a note to task 2: bring the receipts', 'update #2: note+=bring the receipts'],
    ['make it urgent', 'update it: priority=high'],
    ['push the dentist back 2 days', 'update "dentist": shift=2d'],
    ['Reschedule my morning meetings to 2 PM', 'update "morning meetings" (several): time=14h'],
    ['set task 2 to low priority', 'update #2: priority=low'],
    // deleting
    ['delete the meeting task', 'delete "meeting"'],
    ['delete all completed tasks', 'delete all {"status":"completed"}'],
    ['delete everything', 'delete all {"status":"all"}'],
    ['mark everything tagged work as done', 'complete all {"tag":"work"}'],
    // answers, undo, small talk
    ['yes', 'confirm'],
    ['yep go ahead', 'confirm'],
    ['no, keep them', 'cancel'],
    ['the second one', 'choose'],
    ['undo', 'undo 1'],
    ['undo the last 3 changes', 'undo 3'],
    ['hi there', 'greet'],
    ['thank you so much, that was helpful', 'thanks'],
    ['what can you do?', 'help'],
    ["what's the weather?", 'offtopic'],
    // statements about a task are changes to it, never new tasks
    ['the accountant one is actually urgent', 'update "accountant": priority=high'],
    ['staff meeting is at 9 not 8:30', 'update "staff meeting": time=9h'],
    ["the website menu doesn't have a deadline anymore", 'update "website menu": due=none'],
    ['for the electrician, also note that he wants cash', 'update "electrician": note+=he wants cash'],
    ["take 'family' off the kids pickup", 'update "kids pickup": -family'],
    ['get rid of the health tag', 'update all {"tag":"health"}: -health'],
    ['bins and gas bill are both done', 'complete "bins" + "gas bill"'],
    ['which ones are important?', 'list {"status":"pending","priority":"high"}'],
    ['ugh im so done with everything today', 'vent'],
    ['Order printer ink fri 10am', 'add Order printer ink | due 2026-12-04 10:00'],
    ['parents evening on 24 june at 6:30pm', 'add Parents evening | due 2027-06-24 18:30'],
    ['add rewatch Friday Night Lights season 2', 'add Rewatch Friday Night Lights season 2'],
    ['call the bank and also water the tomatoes', 'add Call the bank / Water the tomatoes'],
    ['show my tasks', 'list {"status":"pending","doneHidden":true}'],
    ['show all my tasks', 'list {"status":"all"}'],
    [
      'hiya! my week is mad busy and I keep forgetting stuff lol. could you add book the vet for thursday?',
      'add Book the vet | due 2026-12-03 09:00',
    ],
    // repeating
    ['stop repeating the gym task', 'update "gym": repeat=none'],
    ['make the gym task repeat every monday', 'update "gym": repeat=FREQ=WEEKLY;BYDAY=MO'],
    ["the gym task shouldn't repeat anymore", 'update "gym": repeat=none'],
    // several requests in one message
    ['add a task to call mom and make it urgent', 'add Call mom ; update it: priority=high'],
    ['never mind the dentist, remove it', 'mention "dentist" ; delete it'],
    // Urdu and Roman Urdu
    ['doodh lene ka task add karo', 'add Doodh lene'],
    ['mere kaam dikhao', 'list {"status":"all"}'],
    ['task 3 mukammal karo', 'complete #3'],
    ['میرے کام دکھائیں', 'list {"status":"all"}'],
    ['ٹاسک ۲ حذف کریں', 'delete #2'],
    ['ٹاسک نمبر 2 ڈیلیٹ کر دیں', 'delete #2'],
    ['school fees jama kar di hai', 'complete "school fees"'],
    [
      'add karo electricity bill pay karna friday tak',
      'add Electricity bill pay karna | due 2026-12-04 09:00',
    ],
    // the second blind hold-out set's lessons, in other words
    ['need to book the MOT asap, its urgent', 'add Book the MOT | p=high'],
    ['add file the March 2025 receipts', 'add File the March 2025 receipts'],
    [
      'add buy popcorn for the 8pm movie on sunday',
      'add Buy popcorn for the 8pm movie | due 2026-11-29 09:00',
    ],
    ['remind me 2 return the library books', 'add Return the library books | remind: ask when'],
    [
      'in 3 days remind me to water the plants',
      'add Water the plants | due 2026-11-30 09:00 | remind before PT0S',
    ],
    [
      'remind me to ring dad saturday at 7 in the evening',
      'add Ring dad | due 2026-11-28 19:00 | remind before PT0S',
    ],
    ['someday: learn to juggle', 'add Learn to juggle | p=low'],
    ['tidy up my todo list', 'ask vague_list'],
    ['finished with 4', 'complete #4'],
    ['rang the plumber, cross it off', 'complete ~"ring the plumber" ; complete it'],
    ['bump the tax one to high priority', 'update "tax": priority=high'],
    [
      'task 2 is urgent and it needs to be done by monday',
      'update #2: priority=high ; update it: due=2026-11-30 09:00',
    ],
    ["what's planned for tomorrow?", 'list {"status":"pending","due":"tomorrow"}'],
    [
      'kal shaam 6 baje ammi ko call karna hai, task bana do',
      'add Ammi ko call karna hai | due 2026-11-28 18:00',
    ],
    // typos of command words are fixed only where a command word stands; titles keep theirs
    ['ad a tsk to by bread', 'add By bread'],
    ['delte task 2', 'delete #2'],
    ['pls mrak task 2 done', 'complete #2'],
    ['reschdule the dentist to monday', 'update "dentist": due=2026-11-30 09:00'],
    ['clean the kitchen tomorrow', 'add Clean the kitchen | due 2026-11-28 09:00'],
    ['lift weights tomorrow', 'add Lift weights | due 2026-11-28 09:00'],
    ['shop for shoes tomorrow', 'add Shop for shoes | due 2026-11-28 09:00'],
    // verb families: delete, complete, reopen, update said in everyday words
    ['scratch the gym one', 'delete "gym"'],
    ["I won't need the passport task anymore", 'delete "passport"'],
    ["laundry's done", 'complete "laundry"'],
    ["oh wait I haven't called grandma yet", 'reopen ~"called grandma"'],
    ['the meeting with Sam got moved to thursday 2pm', 'update "meeting with Sam": due=2026-12-03 14:00'],
    ['standup got moved to 9:30', 'update "standup": time=9.5h'],
    ['the piano recital is now on saturday', 'update "piano recital": due=2026-11-28 09:00'],
    ['bump the priority of the tax thing', 'update "tax": priority=high'],
    ['put pay rent on my list for the 1st', 'add Pay rent | due 2026-12-01 09:00'],
    [
      'need to remember to renew my car insurance by the 15th',
      'add Renew my car insurance | due 2026-12-15 09:00',
    ],
    ['two things: buy stamps, post the parcel', 'add Buy stamps / Post the parcel'],
    [
      'water the ficus every two weeks starting saturday',
      'add Water the ficus | repeat FREQ=WEEKLY;INTERVAL=2;BYDAY=SA',
    ],
    ['add daily standup at 9:30am', 'add Daily standup | repeat FREQ=DAILY'],
    ['add weekly groceries', 'add Weekly groceries'],
    // questions are read-only, and a refusal is never a task
    ["when's my dentist appointment?", 'list {"status":"all","text":"dentist appointment"}'],
    ["what's the deadline for the visa application?", 'list {"status":"all","text":"visa application"}'],
    ["don't delete anything, just show me what's overdue", 'list {"status":"pending","due":"overdue"}'],
    ["wait don't delete anything yet, what's on my list?", 'list {"status":"pending","doneHidden":true}'],
    ["don't touch anything", 'cancel'],
    // corrections of the previous turn
    ['cancel that', 'cancel and take back the last change'],
    ['scratch that', 'cancel and take back the last change'],
    ['oops wrong one, undo', 'undo 1'],
    ['no, the one for Priya', 'redo the last change on "Priya"'],
    ['no sorry, sara', 'redo the last change on "sara"'],
    ['sorry I meant friday', 'update it: due=2026-12-04 09:00'],
    ['no I meant 5pm', 'update it: time=17h'],
    ['actually call it buy oat milk', 'update it: title=Buy oat milk'],
    ['no reminders for the gym task', 'update "gym": reminders off'],
    ["no wait don't", 'cancel'],
    // session 8 hold-out shapes, in other words
    ['book the vet on the 9th at 3:15', 'add Book the vet | due 2026-12-09 15:15'],
    ['the invoice has to be finished by 4 tomorrow', 'update "invoice": due=2026-11-28 16:00'],
    ['add send the deck by 11 on monday', 'add Send the deck | due 2026-11-30 11:00'],
    ['add grow revenue by 5', 'add Grow revenue by 5'],
    ['make the piano one repeat tuesdays and fridays', 'update "piano": repeat=FREQ=WEEKLY;BYDAY=TU,FR'],
    ['add swim saturdays', 'add Swim | repeat FREQ=WEEKLY;BYDAY=SA'],
    ['add print mondays club flyers', 'add Print mondays club flyers'],
    ['make it next tuesday at 4', 'update it: due=2026-12-01 16:00'],
    ['make that text Maria, with an i', 'update it: title=Text Maria'],
    ['and sticky tape as well', 'add Sticky tape'],
    ['me too', 'ask add Me too'],
    ['and the milk?', 'ask add Milk'],
    [
      'every sunday at 6pm remind me to plan the week',
      'add Plan the week | repeat FREQ=WEEKLY;BYDAY=SU | remind before PT0S',
    ],
    ['add "fix bug #12" tomorrow', 'add Fix bug #12 | due 2026-11-28 09:00'],
    ['add call room #4 about the heater', 'add Call room #4 about the heater'],
    ['add buy "oat" milk', 'add Buy "oat" milk'],
    ['wrapped up the budget review', 'complete "budget review"'],
    ["the shed isn't urgent anymore", 'update "shed": priority=low'],
    ['what am I behind on?', 'list {"status":"pending","due":"overdue"}'],
    // holdout7 shapes, in other words
    ['first thing friday - renew the car tax', 'add Renew the car tax | due 2026-12-04 09:00'],
    ['tomorrow I have to water the lawn', 'add Water the lawn | due 2026-11-28 09:00'],
    ['so anyway, put down that I need to call the insurer', 'add Call the insurer'],
    ["the parcel hasn't been sent yet", 'reopen ~"send the parcel"'],
    ['bring that back', 'undo 1'],
    ['undelete it', 'undo 1'],
    ['push the call back 45 minutes', 'update "call": shift=45min'],
    ['correct the spelling in task 2 to Beethoven', 'update #2: respell=Beethoven'],
    ['only the urgent ones', 'list {"status":"pending","priority":"high"}'],
    ['doodh le liya', 'complete "doodh"'],
    ['pehla kaam ho gaya', 'complete ordinal 0'],
    // "pehle" also means "first (of all)": without kaam/wala/task after it, no ordinal
    ['pehle doodh lena ho gaya', 'complete "pehle doodh lena"'],
    ['remove items 4 through 6', 'delete #4,#5,#6'],
    ['tick off 2-3', 'complete #2,#3'],
    // holdout9 shapes: answers and follow-ups, in other words
    ['at 4:30', 'when: time=16.5h'],
    ['saturday afternoon', 'when: due=2026-11-28 14:00'],
    ["it's top priority", 'update it: priority=high'],
    ['undo the last three', 'undo 3'],
    ["please don't repeat it", 'update it: repeat=none'],
    ['it has to be done by monday', 'update it: due=2026-11-30 09:00'],
    ['make it grandma', 'update it: last word=grandma'],
    // to-dos that start with a command word, and the commands themselves
    ['scrap the old bike next month', 'add Scrap the old bike | due 2026-12-01 09:00'],
    ['drop off the keys at the office', 'add Drop off the keys at the office'],
    ['mark the exam papers tomorrow', 'add Mark the exam papers | due 2026-11-28 09:00'],
    ['change the bed sheets on sunday', 'add Change the bed sheets | due 2026-11-29 09:00'],
    ['drop the yoga task', 'delete "yoga"'],
    // holdout10 shapes, in other words
    ['file the receipts under taxes', 'update "receipts" (several): +taxes'],
    ['which tasks have reminders?', 'list {"status":"pending","reminders":true}'],
    ['list my work things', 'list {"status":"all","tag":"work"}'],
    ['ping me the night before the exam', 'update "exam": remind the day before at 20:00'],
    ['remind me on the morning of the interview', 'update "interview": remind the same day at 09:00'],
    // holdout11 shapes, in other words
    [
      'pick up the dry cleaning by the end of next week',
      'add Pick up the dry cleaning | due 2026-12-04 17:00',
    ],
    ['settle the invoices by the end of the month', 'add Settle the invoices | due 2026-11-30 17:00'],
    ['clean the gutters sometime', 'add Clean the gutters | p=low'],
    ['visit grandma sometime next week', 'add Visit grandma | due 2026-11-30 09:00'],
    ['get bin bags', 'add Get bin bags'],
    ['check the smoke alarms on sunday', 'add Check the smoke alarms | due 2026-11-29 09:00'],
    ['read the lease before signing', 'add Read the lease before signing'],
    ['give the cat her flea treatment', 'add Give the cat her flea treatment'],
    ['check my list', 'list {"status":"pending","doneHidden":true}'],
    ['get me everything due tomorrow', 'list {"status":"pending","due":"tomorrow"}'],
    ['finished both of them', 'complete them'],
    ['the top three are done', 'complete ordinal 0 ×3'],
    ['bin the last two', 'delete ordinal -2 ×2'],
    ['make it low priority and due on monday', 'update it: priority=low due=2026-11-30 09:00'],
    ['make it monday and tuesday', 'unknown'],
    ['the rent is due on the 2nd, not the 1st', 'update "rent": due=2026-12-02 09:00'],
    // Roman Urdu repeats and questions
    ['har jumme ko masjid jana hai', 'add Masjid jana | repeat FREQ=WEEKLY;BYDAY=FR'],
    ['kal kya karna hai?', 'list {"status":"pending","due":"tomorrow"}'],
  ])('GIVEN "%s" THEN it reads as: %s', (message, meaning) => {
    expect(read(message, CTX)).toBe(meaning);
  });

  it.each(['Urdu script', 'Roman Urdu', 'English'])('GIVEN %s THEN the reply language follows it', (kind) => {
    const message = {
      'Urdu script': 'میرے کام دکھائیں',
      'Roman Urdu': 'mere kaam dikhao',
      English: 'show my tasks',
    }[kind]!;
    expect(parseMessage(message, CTX).lang).toBe(
      { 'Urdu script': 'ur', 'Roman Urdu': 'roman', English: 'en' }[kind],
    );
  });
});
