import { useMe } from '../auth/session';
import { AdministratorHome } from './AdministratorHome';
import { ClinicianHome } from './ClinicianHome';
import { EpidemiologistHome } from './EpidemiologistHome';
import { GateOfficerHome } from './GateOfficerHome';
import { LiaisonHome } from './LiaisonHome';
import { ViewerHome } from './ViewerHome';

/** The home page: the signed-in user's role decides what it shows. */
export function HomePage() {
  const me = useMe();
  switch (me.role) {
    case 'administrator':
      return <AdministratorHome me={me} />;
    case 'epidemiologist':
      return <EpidemiologistHome me={me} />;
    case 'gate-officer':
      return <GateOfficerHome me={me} />;
    case 'clinician':
      return <ClinicianHome me={me} />;
    case 'liaison':
      return <LiaisonHome me={me} />;
    default:
      return <ViewerHome me={me} />;
  }
}
