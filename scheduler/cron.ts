// The parts of the schedule language the scheduler uses, imported in this one place.
export { nextRun, parse } from '../cron';
